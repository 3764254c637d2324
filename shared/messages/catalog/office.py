"""Messages of Excel/Word inputs and of the ledger, notice and CSV outputs."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # -- reading Office files -------------------------------------------------------------
    "office.encrypted": (
        "{file}: パスワードで保護されたファイルのため読めません。パスワードを解除して保存し直し、受付フォルダに置き直してください。",
        "{file}: the file is password-protected and cannot be read. Remove the password, save it again and put it in the inbox again.",
    ),
    "xlsx.old_format": (
        "{file}: 古い形式（.xls）のExcelファイルです。Excelで「Excel ブック (*.xlsx)」として保存し直してください。",
        "{file}: an old-format (.xls) workbook. Save it as an Excel workbook (*.xlsx) and put it in the inbox again.",
    ),
    "docx.old_format": (
        "{file}: 拡張子は .docx ですが、中身は古い形式（.doc）のWord文書です。Wordで「Word 文書 (*.docx)」として保存し直してください。",
        "{file}: named .docx but really an old-format .doc document. Save it as a Word document (*.docx) and put it in the inbox again.",
    ),
    "office.not_office": (
        "{file}: {expected} 形式のファイルとして読めません（壊れているか、別の種類のファイルです）。元のファイルを確認してください。",
        "{file}: cannot be read as a {expected} file (damaged, or another kind of file). Check the original.",
    ),
    "office.too_large": (
        "{file}: 展開後のサイズが大きすぎるため読みません。内容を確認してください。",
        "{file}: too large once unpacked; not read. Check the file.",
    ),
    "office.template_format": (
        "{file}: 様式「{template}」は {expected} 形式用です。シナリオの inputs の glob とテンプレートの組み合わせを確認してください。",
        "{file}: template '{template}' is for {expected} files. Check the scenario's input globs and templates.",
    ),
    "xlsx.sheet_missing": (
        "{file}: シート「{sheet}」が見つからず、様式の見出しを含むシートも1つに決まりません（あるシート: {found}）。シート名を戻すか、様式を確認してください。",
        "{file}: sheet '{sheet}' is missing and no single sheet holds the form's keywords (sheets: {found}). Rename the sheet back or check the form.",
    ),
    "xlsx.wrong_form": (
        "{file}: シート「{sheet}」に「{keyword}」がありません。別の様式か、様式が改変されています。",
        "{file}: sheet '{sheet}' does not contain '{keyword}'. Another form, or the form was changed.",
    ),
    "xlsx.header_not_found": (
        "{file}: シート「{sheet}」の先頭{rows}行に、見出し行（{titles}）が見つかりません。列の見出しを確認してください。",
        "{file}: no header row with the titles ({titles}) in the first {rows} rows of sheet '{sheet}'. Check the column titles.",
    ),
    "xlsx.formula_no_value": (
        "数式の計算結果が保存されていません。Excelで開いて再計算し、保存してから置き直すか、値を確認して入力してください",
        "the formula has no saved result. Open the file in Excel, let it recalculate and save it, or check and enter the value",
    ),
    "docx.wrong_form": (
        "{file}: 様式「{template}」の見出し「{keyword}」がありません。別の様式か、様式が改変されています。",
        "{file}: the heading '{keyword}' of form '{template}' is missing. Another form, or the form was changed.",
    ),
    "docx.control_missing": ("コンテンツコントロールが見つかりません", "the content control is missing"),
    "docx.table_cell_missing": ("表のそのセルがありません（表の行・列が変わっています）", "there is no such table cell (the table's rows or columns changed)"),
    "office.field_at": ("{where}：{reason}", "{where}: {reason}"),
    "office.where.cell": ("シート「{sheet}」のセル{cell}", "sheet '{sheet}' cell {cell}"),
    "office.where.name": ("名前付き範囲「{name}」", "named range '{name}'"),
    "office.where.label": ("シート「{sheet}」のラベル「{label}」の隣", "next to label '{label}' on sheet '{sheet}'"),
    "office.where.word_label": ("ラベル「{label}」の隣", "next to label '{label}'"),
    "office.where.control": ("コンテンツコントロール（{key}「{name}」）", "content control ({key} '{name}')"),
    "office.where.table": ("表{table}の{row}行{column}列", "table {table} row {row} column {column}"),
    "office.where.form_field": ("フォームフィールド「{name}」", "form field '{name}'"),
    "office.where.form_field_at": ("{index}番目のフォームフィールド", "form field no. {index}"),
    "docx.form_field_missing": (
        "フォームフィールドが見つかりません（様式が変わっています。テンプレートの form_field の名前か番号を確認してください）",
        "the form field is missing (the form changed; check the template's form_field name or index)",
    ),
    "office.field_unbound": (
        "テンプレート「{template}」にこの必須項目の位置がありません。テンプレートに位置を追加してください",
        "template '{template}' gives no place for this required field. Add its place to the template",
    ),
    "office.ticks_none": (
        "選択肢（{options}）のどれにも印（■・☑・✓・レ）がありません。申請者に確認してください",
        "none of the options ({options}) is ticked (■ ☑ ✓ レ). Ask the applicant",
    ),
    "office.ticks_many": (
        "複数の選択肢に印があります（{options}）。申請者に確認し、どれか1つにしてください",
        "more than one option is ticked ({options}). Ask the applicant which one applies",
    ),
    "office.ticks_option_missing": (
        "選択肢「{option}」が□・■の後に見つかりません（テンプレートの options が様式に印刷された選択肢と合っていません）。テンプレートの options を確認してください",
        "option '{option}' is not found after a box (□ ■): the template's options do not match the options printed on the form. Check the template's options",
    ),
    "office.ticks_no_boxes": (
        "□・■などの印がなく、選択肢（{options}）のどれに印を付けたのか読めません。□が消されて書き換えられていないか、様式を確認してください",
        "there are no boxes (□ ■), so which option ({options}) was ticked cannot be read. Check whether the boxes were deleted and the text rewritten",
    ),
    "office.list_total_row": (
        "{file}: シート「{sheet}」の{row}行目は「{label}」の行なので、申請としては読まずに飛ばしました。申請の行であれば「{label}」の文字を消して置き直してください。",
        "{file}: row {row} of sheet '{sheet}' is a '{label}' row (a total), so it was skipped, not read as an application. If it is an application, remove '{label}' and put the file in the inbox again.",
    ),
    "office.list_numbers_only_row": (
        "{file}: シート「{sheet}」の{row}行目は必須項目（{fields}）がすべて空欄で数値だけが入っているため、合計の行とみなして飛ばしました。申請の行であれば必須項目を記入して置き直してください。",
        "{file}: row {row} of sheet '{sheet}' has every required field ({fields}) empty and only numbers filled, so it was taken for a totals row and skipped. If it is an application, fill in the required fields and put the file in the inbox again.",
    ),
    "office.not_found": ("見つかりません", "not found"),
    "office.label_not_found": ("ラベルが見つかりません（様式が変わっています）", "the label is not found (the form changed)"),
    "office.label_ambiguous": (
        "同じラベルが{count}か所にあり、どれか決められません。テンプレートでセル番地を指定してください",
        "the label appears {count} times; give the cell in the template instead",
    ),
    # -- outputs ------------------------------------------------------------------------------
    "output.locked_by": (
        "出力ファイル「{file}」が他のプログラムで開かれています（ロックファイル「{lock}」があります）。閉じてから再実行してください。書き込めなかった行は次回の実行で追記します（データは失われません）。誰も開いていないのにこの表示が続くときは、ロックファイルを削除してください。",
        "Output file '{file}' is open in another program (lock file '{lock}' exists). Close it and run again; the rows not written are appended next run (nothing is lost). If nobody has it open, delete the lock file.",
    ),
    "output.unreadable": (
        "出力ファイル「{file}」が台帳として読めません（壊れているか、別のファイルです）。名前を変えて退避してから再実行すると、新しい台帳を作ります。",
        "Output file '{file}' cannot be read as a ledger (damaged, or another file). Move it aside and run again to start a new ledger.",
    ),
    "output.masked": ("＊＊＊＊", "****"),
    "output.failed": ("出力「{file}」を書けませんでした: {reason}", "Could not write output '{file}': {reason}"),
    "csv.unencodable": (
        "{file}: {row}行目の列「{column}」に {encoding} で表せない文字（{code}）があるため、CSVを書きませんでした。UTF-8（BOM付き）で出力するか、文字を置き換えてください。",
        "{file}: row {row}, column '{column}' holds a character {encoding} cannot represent ({code}); the CSV was not written. Export as UTF-8 with BOM, or replace the character.",
    ),
    "csv.row_left_out": (
        "{file}: No.{item}（{source}）の行を書きませんでした。列「{column}」の値に {encoding} で表せない文字（{code}）があります（申請の値は置き換えずに書くため）。この申請は Excel 台帳で確認するか、CSV を UTF-8（BOM付き、encoding: utf-8-sig）で出力してください。ほかの行は書きました。",
        "{file}: the row of No.{item} ({source}) was left out: column '{column}' holds a character {encoding} cannot represent ({code}), and a record's values are never replaced. See this item in the Excel ledger, or export the CSV as UTF-8 with BOM (encoding: utf-8-sig). The other rows were written.",
    ),
    "notice.template_unreadable": (
        "通知書のひな形「{file}」が .docx として読めません。Wordで「Word 文書 (*.docx)」として保存し直してください。",
        "Notice template '{file}' cannot be read as .docx. Save it as a Word document (*.docx).",
    ),
    "notice.values_gone": (
        "No.{item} の通知書を作れません: 個人情報は登録済みのため台帳から消去されています。通知書は手作業で作成してください。",
        "Cannot make the notice for No.{item}: its personal data was already erased after entry. Make this notice by hand.",
    ),
    "summary.output_problem": ("出力の問題:", "Output problem:"),
    "summary.output_csv": ("CSVファイル: {path}", "CSV file: {path}"),
    "summary.notices": ("通知書: {count} 件（{path}）", "Notices: {count} ({path})"),
    # -- validate -----------------------------------------------------------------------------
    "config.template.control_tag_or_title": (
        "control には tag と title のどちらか一方だけを指定してください。",
        "Give exactly one of tag or title for control.",
    ),
    "config.template.table_cell_from_one": (
        "table_cell は [表, 行, 列] を 1 から数えて指定してください。",
        "table_cell is [table, row, column], each counted from 1.",
    ),
    "config.template.one_location": (
        "位置は box・anchor・cell・range_name・control・form_field・table_cell・column のうち1つだけを指定してください。",
        "Give exactly one location: box, anchor, cell, range_name, control, form_field, table_cell or column.",
    ),
    "config.template.min_confidence_range": (
        "min_confidence が安全な範囲（0.90〜1.0）の外です: {detail}。0.90 未満では読み違いの値が人の確認なしに通ることが計測で分かっています（docs/scans.md）。0.90〜1.0 の値にしてください（既定は 0.95）。",
        "min_confidence is outside the safe range (0.90-1.0): {detail}. Below 0.90 misread values were measured to pass without a person (docs/scans.md). Use a value from 0.90 to 1.0 (default 0.95).",
    ),
    "config.template.min_confidence_type": (
        "min_confidence に項目の型ではない名前があります: {detail}。text・name・katakana・address・digits など、docs/field-types.md の型名を書いてください。",
        "min_confidence names something that is no field type: {detail}. Use a type name of docs/field-types.md (text, name, katakana, address, digits …).",
    ),
    "config.template.location_not_for_format": (
        "この様式の形式（format）では使えない位置の指定です: {detail}（pdf: box/anchor/options の枠、xlsx: cell/range_name/anchor/column、docx: control/form_field/table_cell/anchor、xml・json: path か parts、csv: path・column か parts）",
        "Location not usable with this template's format: {detail} (pdf: box/anchor/boxes of options; xlsx: cell/range_name/anchor/column; docx: control/form_field/table_cell/anchor; xml, json: path or parts; csv: path, column or parts)",
    ),
    "config.template.form_field_name_or_index": (
        "form_field には name（フォームフィールドの名前・ブックマーク名）と index（何番目か、1から）のどちらか一方だけを指定してください。",
        "Give exactly one of name (the form field's name, its bookmark) or index (its place, from 1) for form_field.",
    ),
    "config.template.circled_needs_boxes": (
        "circled の options には選択肢ごとの枠（選択肢: [左, 上, 右, 下]）が必要です。Excel・Word で「■国内　□国外」のような印を読むときは read: ticked を使ってください。",
        "circled options need a box per option (option: [left, top, right, bottom]). For marks such as 「■国内　□国外」 in Excel or Word, use read: ticked.",
    ),
    "config.template.option_texts_ticked_only": (
        "選択肢の文字だけの options（[国内, 国外] のようなリスト）は read: ticked の項目にだけ書けます。",
        "options as a list of texts ([国内, 国外]) are only for read: ticked fields.",
    ),
    "config.template.ticked_texts_office_only": (
        "PDF・スキャンの様式では、ticked の options に選択肢ごとの□の枠（選択肢: [左, 上, 右, 下]）が必要です: {detail}（文字だけのリストは Excel・Word 用です）",
        "On PDF and scanned forms ticked options need the box of each option (option: [left, top, right, bottom]): {detail} (a list of texts is for Excel and Word)",
    ),
    "config.required_field_not_in_template": (
        "必須の項目「{name}」（required: true）の位置がテンプレート「{template}」にありません。Excel・Word の様式で省略できるのは任意の項目だけです。",
        "Required field '{name}' (required: true) has no place in template '{template}'. Excel and Word templates may leave out optional fields only.",
    ),
    "config.template.list_all_columns": (
        "一覧表（column 指定）のテンプレートでは、すべての項目を column で指定してください: {detail}",
        "In a list-sheet template every field needs a column: {detail}",
    ),
    "config.scenario.notice_needs_template": (
        "word_notice には template（通知書のひな形 .docx）が必要です。",
        "A word_notice output needs a template (.docx).",
    ),
    "config.notice.template_missing": (
        "通知書のひな形「{name}」がシナリオのフォルダにありません。",
        "Notice template '{name}' is not in the scenario folder.",
    ),
    "config.notice.placeholder_missing": (
        "通知書のひな形「{name}」に差し込み項目 {{{{ {placeholder} }}}} がありません。ひな形に追加するか、placeholders から外してください。",
        "Notice template '{name}' lacks the placeholder {{{{ {placeholder} }}}}. Add it to the template or remove it from placeholders.",
    ),
    "config.notice.placeholder_unknown": (
        "通知書のひな形「{name}」の差し込み項目 {{{{ {placeholder} }}}} は、シナリオの項目にも receipt_no・item_id・today にもありません。",
        "Placeholder {{{{ {placeholder} }}}} in notice template '{name}' is neither a scenario field nor receipt_no, item_id or today.",
    ),
    "config.output.label_repeated": (
        "（注意）出力「{file}」で、項目 {first} と {second} の見出しがどちらも「{label}」です。値が混ざらないよう、列は別々にし"
        "、見出しを「{first_header}」「{second_header}」とします。見分けやすい label をそれぞれに付けてください。",
        "(warning) Output '{file}': fields {first} and {second} are both labelled '{label}'. They are kept in separate columns, "
        "headed '{first_header}' and '{second_header}'; give each field a label of its own.",
    ),
    "config.output.label_is_robot_column": (
        "（注意）出力「{file}」で、項目 {name} の見出し「{label}」はロボットが書く列と同じです。列は別々にし、項目の列の見出しを"
        "「{header}」とします。別の label を付けてください。",
        "(warning) Output '{file}': field {name} is labelled '{label}', like a column the robot writes itself. It is kept in its "
        "own column, headed '{header}'; give the field another label.",
    ),
    "config.notice.file_name_not_unique": (
        "通知書のファイル名には {{{{ receipt_no }}}} か {{{{ item_id }}}} を入れてください（1件ごとに別の名前にするため）。",
        "A notice file name needs {{{{ receipt_no }}}} or {{{{ item_id }}}} (one name per record).",
    ),
    "config.notice.file_name_personal": (
        "通知書のファイル名に個人情報の項目（mask: true）「{placeholder}」は使えません。receipt_no や item_id を使ってください。",
        "Notice file names may not use a personal field (mask: true) '{placeholder}'. Use receipt_no or item_id.",
    ),
}
