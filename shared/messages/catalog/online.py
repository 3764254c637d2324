"""Messages of online applications' exports (XML, JSON, CSV, zips with attachments)."""

from __future__ import annotations

_CHECK = "申請管理システムから出力し直すか、システムの担当者に確認してください。"
_CHECK_EN = "Export it again from the application-management system, or ask the system's administrator."

MESSAGES: dict[str, tuple[str, str]] = {
    # -- templates ------------------------------------------------------------------------
    "config.template.fingerprint_empty": (
        "fingerprint に keywords（様式に印刷された語）か form_id（様式ID・手続IDの場所と値）を書いてください。",
        "Give the fingerprint keywords (words printed on the form) or a form_id (where the form id is, and its value).",
    ),
    "config.template.export_needs_form_id": (
        "format が xml・json・csv のテンプレートには export（受付番号の場所など）と fingerprint.form_id（様式ID・手続ID）が必要です。",
        "A template of format xml, json or csv needs export (where the receipt number is, ...) and fingerprint.form_id.",
    ),
    "config.template.keywords_needed": (
        "この形式のテンプレートには fingerprint.keywords（様式に印刷された語）が必要です。export は xml・json・csv のテンプレートだけに書けます。",
        "A template of this format needs fingerprint.keywords (words printed on the form); export is for xml, json and csv templates only.",
    ),
    "config.export.version_format": (
        "accepted の版の書き方が読めません: {detail}。1.0、2.1 のように数字とピリオドで書いてください。",
        "Versions in accepted cannot be read: {detail}. Write them as digits and dots, such as 1.0 or 2.1.",
    ),
    # -- where ----------------------------------------------------------------------------
    "online.where.document": ("文書", "document"),
    "online.where.xml_record": ("{path} の{index}件目", "record {index} of {path}"),
    "online.where.json_record": ("配列 {path} の{index}番（0から数えます）", "{path}/{index}"),
    "online.where.csv_row": ("{line}行目", "line {line}"),
    "online.where.path": ("{record}の {path}", "{path} in {record}"),
    "online.where.column": ("{record}の列「{path}」", "column '{path}' of {record}"),
    "online.type.text": ("文字列", "a string"),
    "online.type.bool": ("真偽値（true/false）", "a boolean (true/false)"),
    "online.type.number": ("数値", "a number"),
    "online.type.number_or_text": ("数値か文字列", "a number or a string"),
    "online.type.list": ("配列", "an array"),
    "online.type.object": ("オブジェクト", "an object"),
    "online.wrong_type": (
        "{expected}であるべきところが{actual}です（口座番号などを数値にすると先頭の0が消えます）",
        "{actual} where {expected} was expected (an account number as a number loses its leading zeros)",
    ),
    "online.path_ambiguous": (
        "この場所に値が{count}個あります。テンプレートの path を1つに絞ってください",
        "{count} values at this place. Make the template's path find one",
    ),
    # -- files ----------------------------------------------------------------------------
    "online.encoding_unknown": (
        "{file}: 文字コード「{encoding}」は読めません。UTF-8 か Shift_JIS で出力してください。",
        "{file}: the encoding '{encoding}' cannot be read. Export it in UTF-8 or Shift_JIS.",
    ),
    "online.encoding_wrong": (
        "{file}: {line}行目が宣言された文字コード「{encoding}」として読めません（文字コードの宣言と中身が違います）。" + _CHECK,
        "{file}: line {line} is not in the declared encoding '{encoding}' (the declaration does not match the bytes). " + _CHECK_EN,
    ),
    "online.encoding_utf8_as_sjis": (
        "{file}: 文字コードは「{encoding}」と宣言されていますが、中身は UTF-8 です（{line}行目から）。このまま読むと文字化けするため読みません。" + _CHECK,
        "{file}: declared '{encoding}' but the bytes are UTF-8 (from line {line}); read so it would be garbled, so it is not read. " + _CHECK_EN,
    ),
    "online.encoding_sjis_as_utf8": (
        "{file}: 文字コードは「{encoding}」と宣言されていますが、中身は Shift_JIS です（{line}行目から）。宣言どおりには読めないため読みません。" + _CHECK,
        "{file}: declared '{encoding}' but the bytes are Shift_JIS (from line {line}); not read. " + _CHECK_EN,
    ),
    "online.xml_dtd": (
        "{file}: 文書型宣言（DOCTYPE・ENTITY）を含むXMLは、外部ファイルの読み込みや展開爆弾を防ぐため読みません。" + _CHECK,
        "{file}: an XML file with a document type declaration (DOCTYPE, ENTITY) is not read (it could load outside files or expand without bound). " + _CHECK_EN,
    ),
    "online.xml_broken": (
        "{file}: XMLとして読めません（{line}行目）。ファイルが途中で切れていないか確かめてください。" + _CHECK,
        "{file}: not well-formed XML (line {line}). Check that the file is complete. " + _CHECK_EN,
    ),
    "online.json_broken": (
        "{file}: JSONとして読めません（{line}行目）。ファイルが途中で切れていないか確かめてください。" + _CHECK,
        "{file}: not valid JSON (line {line}). Check that the file is complete. " + _CHECK_EN,
    ),
    "online.csv_broken": ("{file}: CSVとして読めません（{line}行目）。" + _CHECK, "{file}: not valid CSV (line {line}). " + _CHECK_EN),
    "online.csv_no_header": ("{file}: CSVに見出しの行がありません。" + _CHECK, "{file}: the CSV has no header row. " + _CHECK_EN),
    "online.csv_columns_missing": (
        "{file}: CSVの見出しに列「{columns}」がありません。出力の設定か、テンプレートの列名を確認してください。",
        "{file}: the CSV header has no column '{columns}'. Check the export settings or the template's column titles.",
    ),
    "online.csv_columns_twice": (
        "{file}: CSVの見出しに列「{columns}」が2つ以上あり、どれを読むか決まりません。",
        "{file}: the CSV header has column '{columns}' more than once; which to read is unclear.",
    ),
    "online.records_not_list": (
        "{file}: {path} が申請の配列ではありません。テンプレートの export.records を確認してください。",
        "{file}: {path} is not an array of applications. Check the template's export.records.",
    ),
    "online.bad_path": (
        "{file}: テンプレート「{template}」の場所の指定「{path}」が XPath・JSON Pointer として正しくありません。テンプレートを直してください。",
        "{file}: the path '{path}' of template '{template}' is not a valid XPath or JSON Pointer. Fix the template.",
    ),
    "online.too_large": (
        "{file}: ファイルが大きすぎるため読みません（上限 {limit} バイト）。分けて出力してください。",
        "{file}: too large to read (limit {limit} bytes). Export it in parts.",
    ),
    "online.no_records": ("{file}: 申請が1件もありません。" + _CHECK, "{file}: holds no application. " + _CHECK_EN),
    "online.wrong_form": (
        "{file}: {where}が「{found}」で、様式「{template}」（{expected}）の申請ではありません。シナリオの inputs の glob とテンプレートを確認してください。",
        "{file}: {where} is '{found}': not an application of form '{template}' ({expected}). Check the scenario's input globs and templates.",
    ),
    "online.version_newer": (
        "{file}: 様式バージョン「{found}」（{where}）は、テンプレート「{template}」が対応する版（{accepted}）より新しいため読みません。項目の場所が変わっている可能性があります。新しい版のテンプレートを用意してください。",
        "{file}: form version '{found}' at {where} is newer than the versions template '{template}' maps ({accepted}); its elements may have moved. Prepare a template for the new version.",
    ),
    "online.version_unknown": (
        "{file}: 様式バージョン「{found}」（{where}）は、テンプレート「{template}」が対応する版（{accepted}）ではありません。",
        "{file}: form version '{found}' at {where} is not one template '{template}' maps ({accepted}).",
    ),
    "online.receipt_missing": (
        "{file}: {where}に受付番号がありません。受付番号のない申請は取り込めません。" + _CHECK,
        "{file}: no receipt number at {where}; an application without one cannot be taken in. " + _CHECK_EN,
    ),
    "online.receipt_twice": (
        "{file}: 受付番号 {receipt} の申請が同じファイルの{first}にもあります。二重登録を防ぐため、2件目は取り込みません。",
        "{file}: the application with receipt number {receipt} is also at {first} of the same file; the second is not taken in, so nothing is entered twice.",
    ),
    "online.receipt_seen": (
        "{file}: 受付番号 {receipt} の申請は「{other}」で取り込み済みです。二重登録を防ぐため、取り込みません。",
        "{file}: the application with receipt number {receipt} was already taken in from '{other}'; not taken in again, so nothing is entered twice.",
    ),
    # -- zips and attachments -----------------------------------------------------------------
    "online.zip_slip": (
        "{file}: zipの中のファイル名「{member}」がフォルダの外を指しています（絶対パスや ..）。安全のため読みません。" + _CHECK,
        "{file}: the name '{member}' in the zip points outside its folder (an absolute path or ..); not read. " + _CHECK_EN,
    ),
    "online.zip_bomb": (
        "{file}: zipの中身（{member}）が展開すると大きすぎるため読みません（展開爆弾の疑い）。" + _CHECK,
        "{file}: the zip's content ({member}) is too large once unpacked; not read (a zip bomb?). " + _CHECK_EN,
    ),
    "online.zip_encrypted": (
        "{file}: zipの中のファイル「{member}」がパスワードで保護されています。パスワードなしで出力してください。",
        "{file}: '{member}' in the zip is password-protected. Export it without a password.",
    ),
    "online.zip_broken": (
        "{file}: zipとして読めません（途中で切れているか壊れています）。" + _CHECK,
        "{file}: cannot be read as a zip (truncated or damaged). " + _CHECK_EN,
    ),
    "online.zip_exports": (
        "{file}: zipの中に {suffix} のファイルが{count}個あります。申請データは1つだけ入れてください。",
        "{file}: the zip holds {count} {suffix} files; it must hold exactly one export.",
    ),
    "online.attachment_missing": (
        "{file}: 申請に書かれた添付ファイル「{attachment}」がzipの中にありません。" + _CHECK,
        "{file}: the attachment '{attachment}' the application lists is not in the zip. " + _CHECK_EN,
    ),
    "online.attachment_hash": (
        "{file}: 添付ファイル「{attachment}」のハッシュ値が申請データに書かれたものと違います（壊れているか差し替えられています）。" + _CHECK,
        "{file}: the attachment '{attachment}' does not match the hash the export gives (damaged or replaced). " + _CHECK_EN,
    ),
    "config.attachment_template": (
        "添付ファイルを読むテンプレート「{name}」が、このシナリオの format: pdf のテンプレート（inputs に書いたもの）にありません。",
        "The template '{name}' that reads the attachment is not one of this scenario's format: pdf templates (as its inputs name them).",
    ),
    "config.attachment_field": (
        "項目「{name}」は、添付ファイルを読むテンプレート「{template}」が読む項目ではありません。",
        "The field '{name}' is not one the template '{template}' that reads the attachment reads.",
    ),
    "online.attachment_absent": (
        "{file}（受付番号 {receipt}）: 読み取る添付ファイル「{attachment}」がありません。添付ファイルを付けて出力し直すか、申請者に確認してください。",
        "{file} (receipt number {receipt}): there is no attachment '{attachment}' to read. Export it again with the attachment, or ask the applicant.",
    ),
    "online.attachment_unreadable": (
        "{file}（受付番号 {receipt}）: 添付ファイル「{attachment}」を「{template}」として読めません。{reason}"
        "正しい様式のPDFが添付されているか確かめ、申請者に出し直してもらうか、紙の申請として受け付けてください。",
        "{file} (receipt number {receipt}): the attachment '{attachment}' cannot be read as '{template}'. {reason} "
        "Check that the right form is attached as a PDF; ask the applicant to send it again, or take it in as a paper claim.",
    ),
    "online.attachment_disagrees": (
        "申請データと添付ファイル「{attachment}」で値が違います。どちらが正しいか申請者に確認し、正しい値を入れてください",
        "the export and the attachment '{attachment}' give different values; ask the applicant which is right and enter it",
    ),
    "online.attachment_doubtful": (
        "添付ファイル「{attachment}」からの値を確かめてください（{reason}）",
        "check the value taken from the attachment '{attachment}' ({reason})",
    ),
    # -- the upload step -----------------------------------------------------------------------
    "web.upload_none": (
        "{item}: 添付ファイル「{name}」がこの申請にありません（アップロードできるのは、その申請に添付されていたファイルだけです）。",
        "{item}: the application has no attachment '{name}' (only the application's own attachments can be uploaded).",
    ),
    "web.upload_changed": (
        "{item}: 保管した添付ファイル「{name}」が受け付けたときと違います（ハッシュ値が一致しません）。アップロードしません。作業フォルダを確認してください。",
        "{item}: the archived attachment '{name}' differs from the one received (hash mismatch); not uploaded. Check the work folder.",
    ),
    "presenter.upload": ("「{label}」に添付ファイルを付けます", "Attaching the files to '{label}'"),
    "presenter.upload_any": ("添付ファイルを付けます", "Attaching the files"),
    "template_new.export_ids": (
        "{file}: 様式ID・手続ID（{form_id}）か受付番号（{receipt}）の要素が見つからないため、テンプレートを提案できません。見本の申請データを確かめてください。",
        "{file}: no element for the form id ({form_id}) or the receipt number ({receipt}); no template can be proposed. Check the sample export.",
    ),
}
