"""Messages of runs, the CLI, queue, review and reports."""

MESSAGES: dict[str, tuple[str, str]] = {
    # --- run and CLI -------------------------------------------------------------
    "template.syntax": ("テンプレートの書き方に誤りがあります（{detail}）。", "Template syntax error ({detail})."),
    "template.forbidden": (
        "テンプレートから許可されていない操作を行おうとしました。",
        "The template tried an operation that is not allowed.",
    ),
    "template.undefined": ("テンプレートで未定義の値を参照しています（{detail}）。", "The template uses an undefined value ({detail})."),
    "template.failed": ("テンプレートを展開できませんでした（{detail}）。", "The template could not be rendered ({detail})."),
    "template.too_large": (
        "テンプレートが作る値が大きすぎます（上限 {limit}）。文字列の繰り返し（*）・べき乗（**）などで大きな値を作らないでください。",
        "The template builds a value that is too large (limit {limit}); do not build large values with repetition (*), powers (**) and the like.",
    ),
    "template.width_too_large": (
        "テンプレートの書式の幅・桁数が大きすぎます（上限 {limit}）。'%05d' や '{{:>10}}' のような小さな幅にしてください。",
        "A format width or precision in the template is too large (limit {limit}); use a small width such as '%05d' or '{{:>10}}'.",
    ),
    "template.method_not_allowed": (
        "テンプレートでは「{name}」を呼び出せません。",
        "The template may not call '{name}'.",
    ),
    "template.statement_not_allowed": (
        "テンプレートでは {{% {statement} %}} は使えません（繰り返し・マクロ・他のファイルの読み込みは不可。使えるのは {{{{ }}}} と {{% if %}}）。",
        "The template may not use {{% {statement} %}} (no loops, macros or other files; use {{{{ }}}} and {{% if %}}).",
    ),
    "template.too_deep": (
        "テンプレートの入れ子（かっこ）が深すぎます。",
        "The template is nested (parentheses) too deeply.",
    ),
    "item.invalid_fields": (
        "{file}: 確認が必要な項目があります: {detail}",
        "{file}: fields need checking: {detail}",
    ),
    "item.field_problem": ("「{label}」{reason}", "'{label}': {reason}"),
    "item.field_problem_read": (
        "「{label}」{reason}（読み取った文字:「{read}」）{cause}",
        "'{label}': {reason} (read: '{read}'){cause}",
    ),
    "item.field_problem_cause": ("「{label}」{reason}{cause}", "'{label}': {reason}{cause}"),
    "problem.cause.writing": (
        "考えられる原因: 用紙の記入（枠の中の文字は読めています）。",
        " Likely cause: what was written on the form (the text in the box was read).",
    ),
    "problem.cause.blank": (
        "考えられる原因: 用紙の記入漏れ（枠の中に文字や印がありません。枠が記入欄からずれていないかは template inspect で確認できます）。",
        " Likely cause: left blank on the form (nothing is in the box; template inspect shows whether the box is where the field is).",
    ),
    "problem.cause.template": (
        "考えられる原因: テンプレート（template inspect で、枠やラベルが用紙の記入欄に合っているか確認してください）。",
        " Likely cause: the template (check with template inspect that its box or label matches the field on the form).",
    ),
    "problem.cause.template_printed": (
        "考えられる原因: テンプレートの枠（枠の中に印刷の文字「{printed}」があります。template inspect で枠の位置を確認してください）。",
        " Likely cause: the template's box (it holds the printed text '{printed}'; check its position with template inspect).",
    ),
    "problem.cause.template_digits": (
        "考えられる原因: テンプレートの枠（{expected} 桁の欄に {found} 桁あります。隣の欄まで枠に入っていないか template inspect で確認してください）。",
        " Likely cause: the template's box ({found} digits in a field of {expected}; check with template inspect that it does not reach into the next field).",
    ),
    "item.needs_review": (
        "{file}: 読み取りを担当者が確認する必要があります（確認シートに記載）: {detail}",
        "{file}: a person must check the reading (listed in the review sheet): {detail}",
    ),
    "item.duplicate": (
        "{file}: 同じ申請が既に受け付けられています（{other}）。二重登録を防ぐため処理しません。重複か確認してください。",
        "{file}: the same claim was already taken in ({other}). Not entered, to avoid a duplicate; check it.",
    ),
    "output.locked": (
        "出力ファイル「{file}」が他のプログラムで開かれているため書き込めません。閉じてから再実行してください（データは台帳に残っています）。",
        "Output file '{file}' is open in another program. Close it and run again (nothing is lost).",
    ),
    "state.new": ("未処理", "new"),
    "state.done": ("登録済", "done"),
    "state.failed_business": ("要確認（データ不備）", "failed (data)"),
    "state.failed_application": ("失敗（システム）", "failed (system)"),
    "ledger.col.no": ("No", "No"),
    "ledger.col.file": ("入力ファイル", "Input file"),
    "ledger.col.state": ("状態", "State"),
    "ledger.col.receipt": ("受付番号", "Receipt no."),
    "ledger.col.reason": ("理由", "Reason"),
    "ledger.col.updated": ("更新日時", "Updated"),
    "ledger.col.repeated": ("{label}（{name}）", "{label} ({name})"),
    "cli.help": (
        "自治体業務向けRPA: 申請書を読み取り、基幹系システムに入力します。",
        "RPA for municipal back-office work: read application forms and enter them into legacy systems.",
    ),
    "cli.opt.lang": ("表示言語（ja / en）", "Display language (ja / en)"),
    "cli.arg.scenario": ("シナリオのフォルダ（scenario.yaml があるフォルダ）", "Scenario folder (holding scenario.yaml)"),
    "cli.opt.site": ("サイトプロファイル（site.yaml）", "Site profile (site.yaml)"),
    "cli.opt.demo_dir": ("デモ用の作業フォルダ", "Working folder for the demo"),
    "cli.run.help": ("シナリオを実行します（受付フォルダの申請書を読み取り、入力します）。", "Run a scenario over the inbox."),
    "cli.validate.help": (
        "シナリオ・テンプレート・サイトプロファイルを検査し、問題を「ファイル:行:列」で示します。",
        "Check a scenario, its templates and a site profile; report problems as file:line:column.",
    ),
    "cli.validate.ok": ("問題はありません（{scenario} {version}）。", "No problems found ({scenario} {version})."),
    "cli.demo.help": (
        "サンプルの基幹系システムを起動し、サンプル申請書でシナリオを実行します。",
        "Start the sample legacy system and run the sample scenario over the sample forms.",
    ),
    "cli.progress": ("処理中", "Processing"),
    "cli.item_line": ("[{n}/{total}] {file}：{state}", "[{n}/{total}] {file}: {state}"),
    "cli.item_line_receipt": ("[{n}/{total}] {file}：{state}（受付番号 {receipt}）",
                              "[{n}/{total}] {file}: {state} (receipt no. {receipt})"),
    "summary.title": ("シナリオ {scenario} の実行結果（実行ID {run_id}）", "Results of scenario {scenario} (run {run_id})"),
    "summary.read": (
        "読み取ったフォーム: {count} 件（処理済みのため対象外: {skipped} 件）",
        "Forms read: {count} (already processed, skipped: {skipped})",
    ),
    "summary.duplicates": (
        "  既に受け付けたファイルと同じ内容のため読み取らなかったファイル: {files}",
        "  Files with the same content as files already taken in (not read again): {files}",
    ),
    "summary.duplicates_more": (
        "  既に受け付けたファイルと同じ内容のため読み取らなかったファイル: {files}（ほか {more} 件）",
        "  Files with the same content as files already taken in (not read again): {files} (and {more} more)",
    ),
    "summary.taken_elsewhere": (
        "  同時に動いている別の実行が先に受け付けたファイル: {count} 件（その実行が処理します）",
        "  Files another run took in first: {count} (that run handles them)",
    ),
    "summary.left_files": (
        "受信フォルダに残したファイル: {count} 件",
        "Files left in the inbox: {count}",
    ),
    "summary.left_more": ("  （ほか {more} 件）", "  (and {more} more)"),
    "report.left": ("受信フォルダに残したファイル", "Files left in the inbox"),
    "inbox.left.waiting": (
        "書き込み中のため次回の実行で受け付けます",
        "still being written; taken in by the next run",
    ),
    "inbox.left.system": (
        "システムが作るファイル（Thumbs.db・.DS_Store・desktop.ini など）のため読み取りません",
        "a file the system makes (Thumbs.db, .DS_Store, desktop.ini …); not read",
    ),
    "inbox.left.subfolder": (
        "サブフォルダ内のため読み取りません（読む場合はサイト設定で inbox_subfolders: read）",
        "in a sub-folder; not read (set inbox_subfolders: read in the site profile to read it)",
    ),
    "inbox.left.unknown_extension": (
        "このシナリオが読む種類のファイルではありません（拡張子を確認してください）",
        "not a kind of file this scenario reads (check the extension)",
    ),
    "inbox.left.unmatched": (
        "どの入力のファイル名パターンにも一致しません",
        "matches no input's file pattern",
    ),
    "inbox.left.link": (
        "ショートカット（リンク）のため読み取りません。元のファイルを置いてください",
        "a link; not followed (put the file itself in the inbox)",
    ),
    "summary.entered": ("登録済み: {count} 件", "Entered: {count}"),
    "summary.read_only": (
        "読み取り済み（入力先システムなし）: {count} 件",
        "Read (no target system): {count}",
    ),
    "summary.receipt": ("受付番号 {receipt}", "receipt no. {receipt}"),
    "summary.failed": ("失敗・要確認: {count} 件", "Failed or to check: {count}"),
    "summary.fatal": ("実行を中止しました:", "The run was stopped:"),
    "summary.left": (
        "手を付けずに残した申請: {count} 件（次回の実行で処理します。中止の理由は下に1回だけ示します）",
        "Items left untouched: {count} (the next run takes them; why the run stopped is said once below)",
    ),
    "summary.nothing_to_do": (
        "今回処理する申請はありませんでした（新しいファイルも、入力を待つ申請もありません）。",
        "Nothing to do this time (no new file, no item waiting for entry).",
    ),
    "summary.review_sheet": (
        "確認シート: {path}（正しい値を入力して保存し、review import で取り込んでください）",
        "Review sheet: {path} (type the correct values, save, and run review import)",
    ),
    "summary.output": ("Excel台帳: {path}", "Excel ledger: {path}"),
    "summary.log": ("実行ログ: {path}", "Run log: {path}"),
    "demo.legacy_start_failed": (
        "サンプルの基幹系システムを起動できませんでした。pip install -e '.[samples]' で Flask が入っているか確認してください。",
        "The sample legacy system did not start. Check that Flask is installed (pip install -e '.[samples]').",
    ),
    "demo.legacy_started": ("サンプル基幹系システムを起動しました: {url}", "Sample legacy system started: {url}"),
    "run.login_failed": (
        "対象システムにログインできませんでした。{reason} サイトプロファイルの secrets（ユーザーID・パスワード）とシステムの状態を確認してください。未処理の申請は次回の実行で処理されます。",
        "Could not log in to the target system. {reason} Check the site profile's secrets (user ID, password) and the system. Unprocessed items will be handled by the next run.",
    ),
    "cli.usage": ("使い方:", "Usage:"),
    "cli.help_option": ("この説明を表示して終了します。", "Show this message and exit."),
    "cli.section.arguments": ("引数", "Arguments"),
    "cli.section.options": ("オプション", "Options"),
    "cli.section.commands": ("コマンド", "Commands"),
    "ledger.illegal_transition": (
        "申請 {item} は状態「{current}」のため「{target}」にできません。",
        "Item {item} is '{current}' and cannot become '{target}'.",
    ),
    "state.reserved": ("処理中", "reserved"),
    "state.committing": ("登録中", "committing"),
    "state.needs_review": ("要確認（担当者）", "needs review"),
    "state.uncertain": ("登録済みか不明", "uncertain"),
    "state.abandoned": ("取り下げ", "abandoned"),
    "state.read": ("読み取り済", "read"),
    "quarantine.reason_file": (
        "ファイル: {file}\nSHA-256: {sha256}\n理由: {reason}\n対応: 原本を確認し、読み取れる形にして受付フォルダに置き直してください。",
        "File: {file}\nSHA-256: {sha256}\nReason: {reason}\nWhat to do: check the original and put a readable copy in the inbox again.",
    ),
    "summary.states": ("台帳の状態別件数（全期間）: {counts}", "Items in the ledger by state (all runs): {counts}"),
    "item.uncertain_no_lookup": (
        "{file}: 最後の登録操作の後で中断したため、登録済みか分かりません。シナリオに lookup（検索）の手順がないので、担当者が対象システムで確認してください。",
        "{file}: stopped after the final submit, so it is unknown whether the record was stored. The scenario has no lookup steps; a person must check the target system.",
    ),
    "queue.no_such_item": ("申請 {item} は台帳にありません。", "Item {item} is not in the ledger."),
    "queue.not_retryable": (
        "申請 {item} は状態「{state}」のため再試行できません（再試行できるのは システム失敗・登録済みか不明 のもの。要確認の申請は確認シートで訂正してください）。",
        "Item {item} is '{state}' and cannot be retried (only failed (system) or uncertain items can; correct needs-review items through the review sheet).",
    ),
    "queue.not_resolvable": (
        "申請 {item} は状態「{state}」のため手動で完了・取り下げにできません。",
        "Item {item} is '{state}' and cannot be settled by hand.",
    ),
    "queue.no_values": (
        "申請 {item} には入力する値が残っていません。申請書を受付フォルダに置き直してください。",
        "Item {item} has no values left to enter. Put the form in the inbox again.",
    ),
    "queue.done_or_abandon": (
        "--done 受付番号 か --abandon のどちらか一方を指定してください。",
        "Give exactly one of --done RECEIPT or --abandon.",
    ),
    "queue.header": ("ID  状態  入力ファイル  受付番号  理由", "ID  State  Input file  Receipt  Reason"),
    "queue.attempts": ("試行回数", "Attempts"),
    "queue.empty": ("該当する申請はありません。", "No items."),
    "queue.retried": ("申請 {item} を再試行の対象に戻しました。", "Item {item} will be retried."),
    "queue.resolved": ("申請 {item} を「{state}」にしました。", "Item {item} is now '{state}'."),
    "cli.queue.help": (
        "申請の状態と例外キュー（失敗・要確認の申請）を表示・処理します。",
        "Show and settle work items and the exception queue.",
    ),
    "cli.queue.list.help": ("申請を状態ごとに一覧表示します。", "List items by state."),
    "cli.queue.show.help": ("申請1件の詳細を表示します。", "Show one item."),
    "cli.queue.retry.help": (
        "原因を取り除いた後で、システム失敗などの申請を再試行の対象に戻します。",
        "Send items that failed for system reasons back to be retried, once the cause is fixed.",
    ),
    "cli.queue.resolve.help": (
        "担当者が手で処理した申請を完了（--done 受付番号）または取り下げ（--abandon）にします。監査ログに記録されます。",
        "Settle an item handled by hand: done (--done RECEIPT) or abandoned (--abandon). Recorded in the audit.",
    ),
    "cli.review.help": ("確認シート（読み取りに自信のない項目）を扱います。", "Work with review sheets (fields the robot doubts)."),
    "cli.review.import.help": (
        "訂正を入力して保存した確認シートを取り込みます。すべて正しくなった申請は次の実行で入力されます。",
        "Import a saved review sheet; items whose fields are all right are entered by the next run.",
    ),
    "cli.arg.sheet": ("確認シート（.xlsx）", "Review sheet (.xlsx)"),
    "cli.template.help": ("フォームテンプレートを扱います。", "Work with form templates."),
    "cli.template.inspect.help": (
        "用紙（PDF・スキャン画像）にテンプレートの項目の枠を重ねたPNGを書き出します。スキャンは白紙の様式に重ね合わせてから描きます。",
        "Write PNGs of a form (PDF or scan) with the template's field boxes drawn over it; scans are aligned to the blank form first.",
    ),
    "cli.arg.form": ("用紙のファイル（PDF・PNG・JPEG・TIFF）", "The form file (PDF, PNG, JPEG, TIFF)"),
    "cli.opt.out": ("出力先フォルダ", "Output folder"),
    "template.inspect_written": ("書き出しました: {path}", "Written: {path}"),
    "cli.opt.state": ("状態で絞り込む（例: failed_business）", "Only items in this state (e.g. failed_business)"),
    "cli.opt.why": ("理由（監査ログに残ります）", "Why (kept in the audit trail)"),
    "cli.opt.by": ("処理した人（省略時はOSのユーザー名）", "Who settled it (default: the OS user)"),
    "cli.opt.done": ("対象システムの受付番号（手で登録した場合）", "Receipt number in the target system (entered by hand)"),
    "cli.opt.abandon": ("取り下げる", "Abandon the item"),
    "cli.arg.item_ids": ("申請のID", "Item IDs"),
    "ledger.unavailable": (
        "台帳データベースを開けません（{kind}）。ledger_url やファイルの場所・権限を確認してください。",
        "The ledger database cannot be opened ({kind}). Check ledger_url, the file's location and permissions.",
    ),
    "ledger.schema_mismatch": (
        "台帳データベースの形式がこの版と合いません。作業フォルダの ledger.sqlite3 を別の場所に移してから実行してください（削除はしないでください）。",
        "The ledger database has a different format than this version expects. Move work/ledger.sqlite3 aside (do not delete it) and run again.",
    ),
    "ledger.duplicate_sources": (
        "台帳に、同じ入力ファイル（同じ内容）から作られた申請が重複しています（{count} 組。例: シナリオ {scenario} の申請 {items}）。"
        "同じ申請を二重に登録しないための制約を台帳に付けられないため、実行を止めました。"
        "台帳をバックアップし、対象システムでどちらが登録済みかを確かめてから、不要な方の申請を台帳から削除して、もう一度実行してください"
        "（手順: docs/scheduler.md「同時に動かす」）。",
        "The ledger holds more than one item made from the same input file ({count} such group(s); e.g. items {items} "
        "of scenario {scenario}). The run stopped because the ledger cannot get the constraint that keeps one file "
        "from being entered twice. Back up the ledger, check in the target system which one was entered, delete the "
        "other item(s) from the ledger, and run again (how: docs/scheduler.md, 'Running at once').",
    ),
    "review.reason_read": ("{reason}（読み取った文字:「{read}」）{cause}", "{reason} (read: '{read}'){cause}"),
    "review.reason_nothing_read": ("{reason}（読み取れた文字はありません）{cause}", "{reason} (nothing was read){cause}"),
    "review.col.label": ("項目", "Field"),
    "review.col.read": ("読み取った値", "Value read"),
    "review.col.suggestion": ("別の読み取り（もう一方の文字認識エンジン）", "Other reading (the second OCR engine)"),
    "review.col.reason": ("確認が必要な理由", "Why it needs checking"),
    "review.col.image": ("用紙の画像", "Image from the form"),
    "review.col.correct": ("正しい値（読み取りが正しければ空欄）", "Correct value (leave empty if the reading is right)"),
    "review.bad_sheet": (
        "{file}: 確認シートとして読み込めません。ロボットが作成した確認シートを保存して指定してください。",
        "{file}: not a review sheet. Give a review sheet the robot wrote, saved.",
    ),
    "review.unknown_field": (
        "{file}: 確認シートの項目「{field}」はこのシナリオにありません。別のシナリオの確認シートではないか確認し、--scenario に正しいシナリオを指定してください。",
        "{file}: the review sheet's field '{field}' is not in this scenario. Check that the sheet belongs to it, and give the right scenario with --scenario.",
    ),
    "review.written": ("確認シート: {path}（{count} 項目）", "Review sheet: {path} ({count} fields)"),
    "review.imported": (
        "確認シートを取り込みました: 入力に進む申請 {released} 件、まだ確認が必要な申請 {still} 件、訂正した項目 {corrected} 件",
        "Review sheet imported: {released} item(s) go on to entry, {still} still need checking, {corrected} field(s) corrected",
    ),
}
