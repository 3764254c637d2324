"""Message catalog: key -> (Japanese, English). Placeholders use str.format names.

Keys are grouped by topic prefix. Messages never receive personal data as parameters:
pass field labels, file names, line numbers and codes, never the values themselves.
"""

CATALOG: dict[str, tuple[str, str]] = {
    # --- generic -------------------------------------------------------------
    "error.unexpected": (
        "予期しないエラーが発生しました（{kind}）。ログを確認し、情報政策課に連絡してください。",
        "An unexpected error occurred ({kind}). Check the log and contact the information division.",
    ),
    # --- fields (normalization and validation) ------------------------------
    "field.required": (
        "必須項目が空欄です。用紙の記載を確認して入力してください。",
        "This required field is empty. Check the form and fill it in.",
    ),
    "field.katakana.invalid": (
        "フリガナはカタカナで記入してください（使えるのは全角カタカナ、長音「ー」、中点「・」、全角空白です）。用紙の記載を確認してください。",
        "Write the reading in katakana (only full-width katakana, the long-vowel mark ー, the middle dot ・ and full-width spaces are allowed). Check the form.",
    ),
    "field.number.invalid": (
        "数値として読めません。数字だけで記入してください（例: 1,234）。用紙の記載を確認してください。",
        "Not a number. Write it in digits only (e.g. 1,234). Check the form.",
    ),
    "field.money.invalid": (
        "金額として読めません。0 以上の金額を数字で記入してください（例: ¥1,234、1234円）。用紙の記載を確認してください。",
        "Not an amount of money. Write an amount of 0 or more in digits (e.g. ¥1,234 or 1234円). Check the form.",
    ),
    "field.date.format": (
        "日付として読めません。西暦で 2024-04-01、2024/4/1、2024年4月1日 のように記入してください。",
        "Not a date. Write it as 2024-04-01, 2024/4/1 or 2024年4月1日.",
    ),
    "field.date.impossible": (
        "存在しない日付です（2月30日、13月など）。用紙の年月日を確認してください。",
        "This date does not exist (e.g. February 30 or month 13). Check the date on the form.",
    ),
    "field.wareki.format": (
        "日付として読めません。令和6年4月1日、R6.4.1、5060401 や 2024-04-01 のように記入してください。",
        "Not a date. Write it as 令和6年4月1日, R6.4.1, 5060401 or 2024-04-01.",
    ),
    "field.wareki.before_era_start": (
        "元号の期間外の日付です（{era}は{first}から）。用紙の元号と年を確認してください。",
        "This date is outside its era ({era} begins on {first}). Check the era and year on the form.",
    ),
    "field.wareki.out_of_era": (
        "元号の期間外の日付です（{era}は{last}まで）。用紙の元号と年を確認してください。",
        "This date is outside its era ({era} ends on {last}). Check the era and year on the form.",
    ),
    "field.wareki.before_meiji": (
        "明治元年1月25日（1868年1月25日）より前の日付は扱えません。用紙の元号と年を確認してください。",
        "Dates before 明治元年1月25日 (1868-01-25) cannot be handled. Check the era and year on the form.",
    ),
    "field.my_number.format": (
        "個人番号は十二桁の数字で記入してください。用紙の記載を確認してください。",
        "The My Number must be twelve digits. Check the form.",
    ),
    "field.my_number.check_digit": (
        "個人番号のチェックデジットが一致しません。用紙の記載を確認してください。",
        "The My Number check digit does not match. Check the form.",
    ),
    "field.postal_code.invalid": (
        "郵便番号として読めません。7桁の数字で記入してください（例: 〒100-0001）。用紙の記載を確認してください。",
        "Not a postal code. Write seven digits (e.g. 〒100-0001). Check the form.",
    ),
    "field.phone.invalid": (
        "国内の電話番号として読めません。市外局番から記入してください（例: 03-1234-5678、090-1234-5678）。用紙の記載を確認してください。",
        "Not a valid Japanese phone number. Write it with the area code (e.g. 03-1234-5678 or 090-1234-5678). Check the form.",
    ),
    "field.choice.not_in_options": (
        "選択肢にない値です。「{options}」のいずれかを選んでください。用紙の記載を確認してください。",
        "This is not one of the options. Choose one of: {options}. Check the form.",
    ),
    "field.checkbox.required": (
        "チェックが必要な項目にチェックがありません。用紙を確認し、チェックがなければ申請者に確認してください。",
        "This box must be ticked but is not. Check the form; if it is not ticked, ask the applicant.",
    ),
    "field.checkbox.invalid": (
        "チェック欄の記入を読み取れません（☑、レ、✓、■、× または空欄を想定）。用紙を確認してください。",
        "The checkbox mark cannot be read (expected ☑, レ, ✓, ■, × or blank). Check the form.",
    ),
    "field.text.unencodable": (
        "{encoding} で扱えない文字（外字など）が {count} 文字あります。置換表に登録するか、入力先で手入力してください。",
        "{count} character(s) cannot be written in {encoding} (e.g. non-standard kanji). Add them to the substitution table or enter them by hand in the target system.",
    ),
    "field.digits.invalid": (
        "数字だけを記入してください（口座番号などは1マスに1桁）。",
        "Only digits are allowed (one digit per box for account numbers etc.).",
    ),
    # (section: fields)
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
    "config.expected_text": ("空でない文字列を指定してください。", "Expected a non-empty string."),
    "config.expected_number": ("範囲内の数値を指定してください。", "Expected a number within range."),
    "config.expected_bool": ("true または false を指定してください。", "Expected true or false."),
    "config.expected_list": ("リスト（「- 」で始まる行）を指定してください。", "Expected a list (lines starting with '- ')."),
    "config.expected_mapping": ("「キー: 値」の形で指定してください。", "Expected a mapping ('key: value')."),
    "config.expected_url": ("http:// または https:// で始まるURLを指定してください。", "Expected a URL starting with http:// or https://."),
    "config.pattern_mismatch": ("書式が正しくありません（形式: {pattern}）。", "Wrong format (expected pattern {pattern})."),
    "config.invalid_value": ("値が正しくありません（{detail}）。", "Invalid value ({detail})."),
    "config.template.options_required": (
        "circled / ticked の項目には options（選択肢と位置）が必要です。",
        "circled/ticked fields need options (each option and its box).",
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
    "config.scenario.output_not_plain": (
        "出力ファイル名にはフォルダ名を含めないでください。出力先はサイトプロファイルの output で指定します。",
        "Output file names must not contain folders; the site profile's output folder decides where.",
    ),
    "config.scenario.unknown_field": (
        "fields に定義されていない項目名です: {detail}",
        "Not a field defined under fields: {detail}",
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
        "ステップには種類を1つだけ書いてください（open, fill, select, check, click, expect_text, wait_for, accept_dialog, in_frame, read_text, screenshot）。",
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
        "テンプレートで使えない名前です: {name}（使えるのは record, site, secret）",
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
    "secret.file_missing": ("秘密情報ファイルがありません。", "The secrets file does not exist."),
    "secret.file_permissions": (
        "秘密情報ファイルを所有者以外も読めます。chmod 600 で所有者だけが読めるようにしてください。",
        "The secrets file is readable by others. Run chmod 600 so only its owner can read it.",
    ),
    "secret.keyring_unavailable": (
        "keyring が使えません。pip install keyring でインストールするか、env: / file: を使ってください。",
        "keyring is not available. Install it (pip install keyring) or use env:/file:.",
    ),
    "config.final_once": (
        "final: true（最後の登録操作）は entry の中に1つだけ書いてください。",
        "Mark exactly one step in entry with final: true (the final submit).",
    ),
    # (section: config)
    # --- PDF and form reading --------------------------------------------------
    "pdf.unreadable": (
        "{file}: ファイルを開けません（{error}）。ファイルが他のプログラムで開かれていないか確認してください。",
        "{file}: the file cannot be opened ({error}). Check that no other program holds it.",
    ),
    "pdf.empty": (
        "{file}: ファイルが空です（0バイト）。スキャンまたは保存をやり直してください。",
        "{file}: the file is empty (0 bytes). Scan or save it again.",
    ),
    "pdf.not_pdf": (
        "{file}: PDFファイルではありません（拡張子だけが .pdf です）。元のファイルを確認してください。",
        "{file}: not a PDF file (only its name ends in .pdf). Check the original file.",
    ),
    "pdf.encrypted": (
        "{file}: パスワードで保護されたPDFです。パスワードを外したPDFを受け付けフォルダに置いてください。",
        "{file}: the PDF is password-protected. Put an unprotected copy in the inbox.",
    ),
    "pdf.broken": (
        "{file}: PDFが壊れていて読めません。元のファイルを確認してください。",
        "{file}: the PDF is damaged and cannot be read. Check the original file.",
    ),
    "pdf.wrong_form": (
        "{file}: 様式「{template}」ではありません（「{keyword}」が見つかりません）。別の様式が混ざっていないか確認してください。",
        "{file}: not the form '{template}' ('{keyword}' not found). Check whether another form was mixed in.",
    ),
    "pdf.page_missing": (
        "{file}: ページが足りません（{expected}ページ必要、{actual}ページしかありません）。全ページをまとめて1つのPDFにしてください。",
        "{file}: pages are missing ({expected} needed, {actual} found). Put all pages in one PDF.",
    ),
    "pdf.anchor_not_found": (
        "ラベル「{label}」が{page}ページに見つかりません。",
        "Label '{label}' not found on page {page}.",
    ),
    "pdf.choice_none": ("選択肢に○または✓が付いていません。", "No option is circled or ticked."),
    "pdf.choice_many": (
        "複数の選択肢に印が付いています（{options}）。どれか1つにしてください。",
        "More than one option is marked ({options}). Only one may be.",
    ),
    "pdf.too_large": (
        "{file}: ファイルが大きすぎます（{size_mb} MB、上限は {limit_mb} MB）。申請書1件だけのPDFか確認し、原本を見て担当者が手入力してください。",
        "{file}: the file is too large ({size_mb} MB; the limit is {limit_mb} MB). Check that it holds one claim only, and have a person enter it from the original.",
    ),
    "pdf.inflated_too_large": (
        "{file}: PDFの圧縮データを展開すると {limit_mb} MB を超えるため、安全のため読み取りません。原本を確認し、担当者が手入力してください。",
        "{file}: the PDF's compressed data inflates to more than {limit_mb} MB, so it is not read, for safety. Check the original and have a person enter it.",
    ),
    "pdf.too_complex": (
        "{file}: 1ページの中の図形・文字が多すぎるため（{count} 個、上限は {limit} 個）、安全のため読み取りません。原本を確認し、担当者が手入力してください。",
        "{file}: a page holds too many objects ({count}; the limit is {limit}), so it is not read, for safety. Check the original and have a person enter it.",
    ),
    "pdf.active_content": (
        "{file}: 開くと動作する内容（スクリプト・添付ファイルなど: {names}）を含むPDFのため、安全のため読み取りません。無害化したPDFを受付フォルダに置き直すか、原本を確認して担当者が手入力してください。",
        "{file}: the PDF holds active content (scripts, attached files and the like: {names}), so it is not read, for safety. Put a sanitized copy in the inbox, or have a person enter it from the original.",
    ),
    "pdf.form_fields": (
        "{file}: 入力欄（フォームフィールド）のあるPDFです。入力欄に書かれた値は読み取れません。「印刷」から「PDFとして保存」して入力内容を確定させたPDFを受付フォルダに置き直してください。",
        "{file}: the PDF has fillable form fields, whose values cannot be read. Print it to a new PDF (\"Save as PDF\") so the values become part of the page, and put that in the inbox.",
    ),
    "pdf.no_text": (
        "{file}: {page}ページ目に文字の情報がありません（スキャンした画像だけのPDFと思われます）。様式「{template}」は文字の情報があるPDFしか読み取れません。原本を確認し、担当者が手入力してください。",
        "{file}: page {page} holds no text (it looks like a scanned image). The form '{template}' can only be read from PDFs that contain text. Check the original and have a person enter it.",
    ),
    "pdf.blank_page": (
        "{file}: {page}ページ目が白紙です（文字も画像もありません）。様式「{template}」の記入済みのPDFか確認し、正しいファイルを受付フォルダに置き直してください。",
        "{file}: page {page} is blank (no text, no image). Check that this is a filled-in '{template}' and put the right file in the inbox.",
    ),
    "pdf.too_many_pages": (
        "{file}: ページが多すぎます（様式は{expected}ページ、このファイルは{actual}ページ）。複数の申請書が1つのPDFにまとめられていないか確認し、1件ずつ別のPDFにして受付フォルダに置き直してください。",
        "{file}: too many pages (the form has {expected}, this file {actual}). Check whether several claims were put in one PDF; put each claim in its own PDF in the inbox.",
    ),
    "pdf.page_order": (
        "{file}: ページの順番が違います（{page}ページ目に様式の{printed}ページ目があります）。様式の1ページ目から順に並べ直したPDFを受付フォルダに置いてください。",
        "{file}: the pages are out of order (page {page} is the form's page {printed}). Put the pages in the form's order and put the PDF in the inbox again.",
    ),
    "pdf.several_documents": (
        "{file}: 1つのファイルに{count}つのPDFがつながっています（このままでは最後の1つしか読めません）。1件ずつ別のPDFにして受付フォルダに置き直してください。",
        "{file}: {count} PDFs are joined in one file (only the last could be read). Put each in its own PDF in the inbox.",
    ),
    "scan.unreadable": (
        "{file}: 画像として読み込めません（壊れているか、対応していない形式です）。スキャンし直して PNG・JPEG・TIFF・PDF で保存してください。",
        "{file}: cannot be read as an image (damaged or unsupported). Scan again and save as PNG, JPEG, TIFF or PDF.",
    ),
    "scan.too_large": (
        "{file}: 画像が大きすぎます。600dpi 以下でスキャンし直してください。",
        "{file}: the image is too large. Scan again at 600 dpi or less.",
    ),
    "scan.low_resolution": (
        "{file}: 解像度が低すぎます（約{dpi}dpi）。200〜300dpi でスキャンし直してください。",
        "{file}: the resolution is too low (about {dpi} dpi). Scan again at 200-300 dpi.",
    ),
    "scan.cannot_align": (
        "{file}: {page}ページ目を様式「{template}」に重ね合わせられません（別の様式、白紙、または大きく傾いた写真の可能性）。用紙をまっすぐスキャンし直してください。",
        "{file}: page {page} cannot be aligned with the form '{template}' (another form, a blank page, or a photo taken at a steep angle). Scan the page again, straight.",
    ),
    "scan.no_blank_form": (
        "{file}: 様式「{template}」のテンプレートに blank_form（白紙の様式）がないため、スキャン画像を読めません。",
        "{file}: the template '{template}' has no blank_form, so scans cannot be read.",
    ),
    "scan.page_not_scanned": (
        "{page}ページ目がスキャンされていません。",
        "Page {page} was not scanned.",
    ),
    "scan.variant_kanji": (
        "異体字の可能性がある文字（{chars}）があります。用紙の字形（例: 高/髙、崎/﨑）を確認してください。",
        "Contains characters with variant forms ({chars}); check the exact form on the paper (e.g. 高/髙, 崎/﨑).",
    ),
    "scan.low_confidence": (
        "読み取りに自信がありません（確信度 {percent}%）。画像を見て確認してください。",
        "The robot is not sure of this reading (confidence {percent}%). Check it against the image.",
    ),
    # --- ocr (scanned forms) ---------------------------------------------------
    "ocr.tessdata_missing": (
        "文字認識（Tesseract）のデータフォルダ（tessdata）が見つかりません（探した場所: {paths}）。Debian/Ubuntu では「sudo apt install tesseract-ocr tesseract-ocr-jpn tesseract-ocr-osd」を実行し、Windows では Tesseract のインストーラーで追加言語データの Japanese を選んでインストールしてください。別の場所にある場合は、環境変数 TESSDATA_PREFIX に tessdata フォルダを指定してください。",
        "Tesseract's data folder (tessdata) was not found (looked in: {paths}). On Debian/Ubuntu run 'sudo apt install tesseract-ocr tesseract-ocr-jpn tesseract-ocr-osd'; on Windows run the Tesseract installer and select the Japanese additional language data. If it is elsewhere, set the TESSDATA_PREFIX environment variable to the tessdata folder.",
    ),
    "ocr.data_missing": (
        "文字認識データ「{language}」（{file}）が {path} にありません。Debian/Ubuntu では「sudo apt install {package}」を実行してください。Windows では Tesseract のインストーラーをもう一度実行して追加言語データの Japanese を選ぶか、{file} を {path} に置いてください。",
        "The recognition data '{language}' ({file}) is not in {path}. On Debian/Ubuntu run 'sudo apt install {package}'. On Windows run the Tesseract installer again and select the Japanese additional language data, or put {file} into {path}.",
    ),
    "ocr.engine_failed": (
        "文字認識エンジン（{engine}）でエラーが発生しました（{detail}）。ログを確認し、解決しない場合は情報政策課に連絡してください。",
        "The OCR engine ({engine}) failed ({detail}). Check the log; if it persists, contact the information division.",
    ),
    "ocr.unsupported": (
        "文字認識エンジン「{engine}」は {operation} に対応していません。サイトプロファイルで対応するエンジンを選んでください。",
        "The OCR engine '{engine}' does not support {operation}. Choose an engine that does in the site profile.",
    ),
    "pdf.page_limit": (
        "{file}: ページが多すぎます（{actual}ページ、読み取れるのは{limit}ページまで）。複数の申請書が1つのPDFにまとめられていないか確認し、1件ずつ別のPDFにして受付フォルダに置き直してください。",
        "{file}: too many pages ({actual}; at most {limit} are read). Check whether several claims were put in one PDF; put each claim in its own PDF in the inbox.",
    ),
    "pdf.page_too_large": (
        "{file}: {page}ページ目の用紙が大きすぎます（{width}×{height} mm、長い辺は{limit} mm まで）。様式の用紙サイズ（A4など）で作ったPDFか確認し、正しいファイルを受付フォルダに置き直してください。",
        "{file}: page {page} is too large ({width} x {height} mm; the longer side may be at most {limit} mm). Check that the PDF has the form's paper size (such as A4) and put the right file in the inbox.",
    ),
    # (section: pdf)
    # --- web entry -------------------------------------------------------------
    "browser.launch_failed": (
        "ブラウザ（{channel}）を起動できません。サイトプロファイルの browser.channel / executable を確認するか、ブラウザをインストールしてください。",
        "The browser ({channel}) cannot be started. Check browser.channel/executable in the site profile, or install the browser.",
    ),
    "web.host_not_allowed": (
        "ホスト「{host}」はサイトプロファイルの allowed_hosts にないため開けません。",
        "Host '{host}' is not in the site profile's allowed_hosts, so it is not opened.",
    ),
    "web.unreachable": (
        "対象システムに接続できません（{step}）。システムが起動しているか、URLとネットワークを確認してください。",
        "The target system cannot be reached ({step}). Check that it is running, the URL and the network.",
    ),
    "web.step_timeout": (
        "ステップ {step} が時間内に終わりませんでした。画面の項目名・ボタン名がシナリオと一致しているか確認してください。",
        "Step {step} did not finish in time. Check that the screen's labels and buttons match the scenario.",
    ),
    "web.step_failed": (
        "ステップ {step} を実行できませんでした（{kind}）。画面とシナリオを確認してください。",
        "Step {step} failed ({kind}). Check the screen and the scenario.",
    ),
    "web.dialog_unexpected": (
        "ステップ {step}: 確認ダイアログに「{expected}」がありません。想定外のダイアログのためキャンセルしました。",
        "Step {step}: the dialog did not contain '{expected}'; it was dismissed.",
    ),
    "web.rejected": (
        "対象システムが入力を受け付けませんでした: {detail}",
        "The target system refused the entry: {detail}",
    ),
    "web.unencodable": (
        "「{label}」に対象システムで使えない文字「{chars}」があります（{encoding}で表せない文字です）。外字対応表で置き換えるか、手入力してください。",
        "'{label}' contains characters the target system cannot accept ('{chars}', not in {encoding}). Add them to the substitution table or enter the record by hand.",
    ),
    "web.session_expired": (
        "対象システムのセッションが切れました。ログインし直して、この申請を最初から入力し直します。",
        "The target system's session expired; logging in again and redoing this item.",
    ),
    "web.system_error": (
        "対象システムがエラーまたはメンテナンス中の画面を表示しました。時間をおいて再試行します。",
        "The target system showed an error or maintenance page; the item will be retried later.",
    ),
    "web.server_error": (
        "対象システムがサーバーエラー（5xx）を返しました（{step}）。時間をおいて再試行します。",
        "The target system answered with a server error (5xx) at {step}; the item will be retried later.",
    ),
    # (section: web)
    # --- run and CLI -------------------------------------------------------------
    "template.syntax": ("テンプレートの書き方に誤りがあります（{detail}）。", "Template syntax error ({detail})."),
    "template.forbidden": (
        "テンプレートから許可されていない操作を行おうとしました。",
        "The template tried an operation that is not allowed.",
    ),
    "template.undefined": ("テンプレートで未定義の値を参照しています（{detail}）。", "The template uses an undefined value ({detail})."),
    "template.failed": ("テンプレートを展開できませんでした（{detail}）。", "The template could not be rendered ({detail})."),
    "item.invalid_fields": (
        "{file}: 確認が必要な項目があります: {detail}",
        "{file}: fields need checking: {detail}",
    ),
    "item.field_problem": ("「{label}」{reason}", "'{label}': {reason}"),
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
    "summary.title": ("シナリオ {scenario} の実行結果（実行ID {run_id}）", "Results of scenario {scenario} (run {run_id})"),
    "summary.read": (
        "読み取ったフォーム: {count} 件（処理済みのため対象外: {skipped} 件）",
        "Forms read: {count} (already processed, skipped: {skipped})",
    ),
    "summary.duplicates": (
        "  既に受け付けたファイルと同じ内容のため読み取らなかったファイル: {files}（ほか {more} 件）",
        "  Files with the same content as files already taken in (not read again): {files} (and {more} more)",
    ),
    "summary.entered": ("登録済み: {count} 件", "Entered: {count}"),
    "summary.receipt": ("受付番号 {receipt}", "receipt no. {receipt}"),
    "summary.failed": ("失敗・要確認: {count} 件", "Failed or to check: {count}"),
    "summary.fatal": ("実行を中止しました:", "The run was stopped:"),
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
    "review.col.label": ("項目", "Field"),
    "review.col.read": ("読み取った値", "Value read"),
    "review.col.reason": ("確認が必要な理由", "Why it needs checking"),
    "review.col.image": ("用紙の画像", "Image from the form"),
    "review.col.correct": ("正しい値（読み取りが正しければ空欄）", "Correct value (leave empty if the reading is right)"),
    "review.bad_sheet": (
        "{file}: 確認シートとして読み込めません。ロボットが作成した確認シートを保存して指定してください。",
        "{file}: not a review sheet. Give a review sheet the robot wrote, saved.",
    ),
    "review.written": ("確認シート: {path}（{count} 項目）", "Review sheet: {path} ({count} fields)"),
    "review.imported": (
        "確認シートを取り込みました: 入力に進む申請 {released} 件、まだ確認が必要な申請 {still} 件、訂正した項目 {corrected} 件",
        "Review sheet imported: {released} item(s) go on to entry, {still} still need checking, {corrected} field(s) corrected",
    ),
    # (section: run)
}
