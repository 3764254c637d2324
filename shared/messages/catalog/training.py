"""Messages of presenter mode, the HTML run report and template proposals (training)."""

MESSAGES: dict[str, tuple[str, str]] = {
    # --- presenter mode banners (built from step labels, never from record values) ---------
    "presenter.open": ("画面を開いています", "Opening the screen"),
    "presenter.fill": ("{label}を入力しています", "Typing {label}"),
    "presenter.fill_any": ("入力しています", "Typing"),
    "presenter.select": ("{label}を選んでいます", "Choosing {label}"),
    "presenter.check": ("「{label}」に印を付けています", "Ticking '{label}'"),
    "presenter.check_any": ("該当する項目に印を付けています", "Ticking the matching option"),
    "presenter.click": ("「{label}」を押します", "Pressing '{label}'"),
    "presenter.click_any": ("ボタンを押します", "Pressing a button"),
    "presenter.click_on": ("{screen}で「{label}」を押します", "Pressing '{label}' on {screen}"),
    "presenter.screen_quoted": ("「{text}」画面", "the '{text}' screen"),
    "presenter.expect": ("「{text}」が表示されたことを確かめています", "Checking that '{text}' is shown"),
    "presenter.expect_any": ("画面の表示を確かめています", "Checking the screen"),
    "presenter.wait": ("「{label}」の表示を待っています", "Waiting for '{label}'"),
    "presenter.wait_any": ("画面の表示を待っています", "Waiting for the screen"),
    "presenter.dialog": ("確認ダイアログで「OK」を押す準備をしています", "Getting ready to press OK in the dialog"),
    "presenter.frame": ("「{frame}」の中を操作します", "Working inside '{frame}'"),
    "presenter.read": ("「{label}」を読み取っています", "Reading '{label}'"),
    "presenter.read_any": ("画面の内容を読み取っています", "Reading the screen"),
    "presenter.screenshot": ("画面を記録しています", "Taking a screenshot"),
    "presenter.pause": ("次の操作: {banner}（Enterキーで進みます）", "Next: {banner} (press Enter to go on)"),
    "presenter.video": ("録画: {path}", "Video: {path}"),
    # --- HTML run report ----------------------------------------------------------------
    "summary.html_report": ("実行レポート（HTML）: {path}", "Run report (HTML): {path}"),
    "report.file_stem": ("実行レポート", "run-report"),
    "report.title": ("{scenario} 実行レポート（実行ID {run_id}）", "{scenario} run report (run {run_id})"),
    "report.written": ("作成日時: {at}", "Written: {at}"),
    "report.personal_masked": (
        "個人情報の項目は「＊＊＊」で隠しています（この端末で report html --show-personal-data を実行すると表示します）。",
        "Personal-data fields are shown as ＊＊＊ (run report html --show-personal-data on this machine to show them).",
    ),
    "report.personal_shown": (
        "個人情報を表示しています。このファイルは共有せず、確認後に削除してください。",
        "Personal data is shown. Do not share this file; delete it after use.",
    ),
    "report.counts": ("状態ごとの件数", "Items by state"),
    "report.col.ledger": ("台帳の件数", "In the ledger"),
    "report.col.this_run": ("この実行で処理", "This run"),
    "report.total": ("合計", "Total"),
    "report.timeline": ("操作の流れと所要時間", "Timeline of steps"),
    "report.no_steps": ("この実行では対象システムへの入力はありませんでした。", "No entry into the target system in this run."),
    "report.col.item": ("申請", "Item"),
    "report.col.started": ("開始", "Started"),
    "report.col.steps": ("操作数", "Steps"),
    "report.col.seconds": ("秒", "Seconds"),
    "report.failed_steps": ("（失敗 {count}）", "({count} failed)"),
    "report.chart": ("操作ごとの平均時間", "Mean time per step"),
    "report.items": ("申請ごとの結果", "Items"),
    "report.col.field": ("項目", "Field"),
    "report.col.value": ("読み取った値", "Value read"),
    "report.col.image": ("用紙の該当箇所", "On the form"),
    "report.steps_of_item": ("操作の記録（{count} 操作）", "Steps ({count})"),
    "report.step_failed": ("失敗", "failed"),
    "report.other_screenshots": ("その他の画面キャプチャ", "Other screenshots"),
    "report.written_to": ("実行レポートを書き出しました: {path}", "Run report written: {path}"),
    "report.no_run": (
        "{path} に実行の記録がありません。run または demo を実行してから指定してください。",
        "No run is recorded in {path}. Run the scenario (run or demo) first.",
    ),
    "cli.report.help": ("実行レポート（HTML）を扱います。", "Work with run reports (HTML)."),
    "cli.report.html.help": (
        "実行レポート（HTML）を作り直します。--show-personal-data を付けると、この端末でだけ個人情報の項目を表示します。",
        "Write a run's HTML report again; --show-personal-data shows personal-data fields (on this machine only).",
    ),
    "cli.opt.run_id": ("実行ID（省略時は最新の実行）", "Run ID (default: the latest run)"),
    "cli.opt.show_personal_data": (
        "個人情報の項目も表示する（共有しないでください）", "Also show personal-data fields (do not share the file)",
    ),
    # --- demo --present ---------------------------------------------------------------
    "cli.opt.present": (
        "発表モード: ゆっくり動かし、操作する項目を強調し、画面上部に今の操作を表示します（画面がなければ録画します）",
        "Presenter mode: slow, highlights each element and shows the current step in a banner (records a video without a display)",
    ),
    "cli.opt.step": ("各操作の前で止まり、Enterキーで進みます（発表モード）", "Pause before each step until Enter is pressed (presenter mode)"),
    "cli.opt.slow_ms": ("発表モードで各操作の前に待つミリ秒", "Milliseconds to wait before each step in presenter mode"),
    "cli.opt.demo_scenario": (
        "サンプルの代わりに実行するシナリオのフォルダ（研修で作ったシナリオなど）",
        "Scenario folder to run instead of the sample one (e.g. one written in the tutorial)",
    ),
    "cli.opt.limit": ("使うサンプル申請書の数（発表モードの既定は3件）", "How many sample forms to use (presenter mode default: 3)"),
    # --- template new -------------------------------------------------------------------
    "cli.template.new.help": (
        "様式の見本PDF（記入済みでも白紙でも）から、フォームテンプレートとシナリオの下書きを作ります（項目名・枠・型を推定します）。",
        "Propose a form template and a scenario draft from a sample PDF, filled or blank (labels, boxes and types are guessed).",
    ),
    "cli.arg.filled_form": (
        "様式の見本（電子PDF。記入済みなら型の推定が正確になります）",
        "A sample of the form (digital PDF; a filled one makes the guessed types more accurate)",
    ),
    "cli.opt.template_out": ("下書きを書き出すフォルダ（省略時はファイル名のフォルダ）", "Folder for the draft (default: named after the file)"),
    "cli.opt.template_sample": (
        "見本と、下書きで読み取った値を scenario test の見本（samples/sample-1）にする。架空の見本のときだけ使ってください（読み取った値は必ず確かめてください）",
        "Make the sample and what the draft reads from it the scenario's first test sample (samples/sample-1); only for fictitious samples (check the values)",
    ),
    "cli.opt.template_force": (
        "このフォルダーの、手で直した template.yaml・scenario.yaml・見本の期待結果を上書きする",
        "Overwrite the template.yaml, scenario.yaml and expected sample results edited in this folder",
    ),
    "template_new.would_overwrite": (
        "{file}: 手で直したファイルがあるため書き込みませんでした（{files}）。別のフォルダーを --out で指定するか、上書きしてよければ --force を付けてください。",
        "{file}: not written, files there were edited ({files}). Give another folder with --out, or add --force to overwrite them.",
    ),
    "template_new.proposed": ("{file} から {count} 項目を見つけました:", "{count} fields found in {file}:"),
    "template_new.proposed_blank": (
        "白紙の様式 {file} から {count} 項目を見つけました（型は項目名から推定しました。記入済みの見本があれば、より正確になります）:",
        "{count} fields found in the blank form {file} (types guessed from the labels; a filled sample makes them more accurate):",
    ),
    "template_new.next": (
        "次に、項目名・型・枠を確かめて直し、validate {folder} で検査してください。",
        "Next, check and edit the names, types and boxes, then run validate {folder}.",
    ),
    "template_new.no_text": (
        "{file}: 文字のない（画像だけの）PDFです。template new は電子PDF（文字を含むPDF）の見本から作ります。",
        "{file}: the PDF has no text (images only). template new needs a digital PDF sample.",
    ),
    "template_new.nothing_found": (
        "{file}: 項目名と記入欄の組を見つけられませんでした。記入欄（罫線の枠・下線・マス目・□・○で囲む選択肢・「年　月　日」）のある様式の見本を指定してください。",
        "{file}: no label/value pairs were found. Give a sample of a form with places to write in (ruled boxes, underlines, マス目, tick boxes, options to circle, 年 月 日).",
    ),
}
