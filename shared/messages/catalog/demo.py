"""Messages of the demo's folders (reset, a fresh folder per presentation, the bad cases on
demand) and of the run report's time breakdown and blank fields (a training day)."""

MESSAGES: dict[str, tuple[str, str]] = {
    # --- demo --reset / --present / --with-errors ------------------------------------------
    "cli.opt.demo_reset": (
        "前回のデモの結果（台帳・受付フォルダ・出力・サンプル基幹系システムのデータ）を消してから実行します。デモが作ったフォルダだけを消します",
        "Clear the previous demo's results (ledger, inbox, outputs, the sample system's data) first; only a folder the demo made",
    ),
    "cli.opt.with_errors": (
        "サンプルの誤りのある申請書（必須項目の空欄、個人番号の誤り、存在しない日付、壊れたファイルなど10件）も受付フォルダに入れ、例外キューで見せられるようにします",
        "Also put the sample's bad forms (a blank required field, a wrong My Number, impossible dates, broken files: 10) in the inbox, for the exception queue",
    ),
    "cli.opt.step_login": (
        "--step で、ログインの操作の前でも止まります（既定では入力の操作の前だけ）",
        "With --step, pause before the login steps too (by default only before the entry steps)",
    ),
    "demo.fresh_folder": (
        "発表用の新しいフォルダで実行します: {folder}（リハーサルの結果は残っていません）",
        "Running in a new folder for this presentation: {folder} (nothing of a rehearsal in it)",
    ),
    "demo.reset_done": ("前回のデモの結果を消しました: {file}", "Cleared the previous demo's results: {file}"),
    "demo.reset_refused": (
        "{file}: デモが作ったフォルダではないため、消しませんでした（目印のファイル {marker} がありません）。"
        "--dir に、デモ用の新しいフォルダを指定してください。",
        "{file}: not cleared, the demo did not make this folder (its marker file {marker} is missing). "
        "Give a new folder for the demo with --dir.",
    ),
    "demo.errors_hint": (
        "例外キューの説明用に、誤りのある申請書を {inbox} に入れました: {files}\n"
        "  例外キューを見る: robot-runner queue list --site {site}",
        "For the exception queue, the bad forms were put in {inbox}: {files}\n"
        "  See the queue: robot-runner queue list --site {site}",
    ),
    "demo.next_hint": (
        "この実行のレポートを個人情報つきで作り直す（この端末でだけ）: "
        "robot-runner report html {scenario} --site {site} --run {run_id} --show-personal-data",
        "Write this run's report again with personal data (on this machine only): "
        "robot-runner report html {scenario} --site {site} --run {run_id} --show-personal-data",
    ),
    # --- the run report: what the total time is made of; blank vs hidden fields ---------------
    "report.elapsed_parts": (
        "入力にかかった時間: {total} 秒（最初の操作の開始から最後の操作の終了まで。ブラウザの起動は含みません）"
        " = 操作 {steps} 秒（下の表の合計。ログイン {login} 秒を含む）＋ 操作の合間 {between} 秒",
        "Entry took {total} s (from the start of the first step to the end of the last; browser start not included)"
        " = steps {steps} s (the table's total, login {login} s included) + between steps {between} s",
    ),
    "report.between_presenter": (
        "操作の合間 {between} 秒の内訳: 発表モードの時間（ゆっくり見せるための待ち・表示・強調・Enterキー待ち）{paced} 秒、"
        "ロボットの確認と台帳への記録など {other} 秒。発表モードの時間は各操作の時間に含めていないので、"
        "表とグラフの各操作の時間はロボット自身の時間です（どの操作に時間がかかるかを比べられます）。",
        "Of the {between} s between steps: presenter mode's time (the slow-motion wait, banner, highlight and "
        "waiting for Enter) {paced} s; the robot's checks and ledger records {other} s. Presenter time is not "
        "counted in any step, so each step's time in the table and chart is the robot's own (the slow steps stand out).",
    ),
    "report.between_robot": (
        "操作の合間 {between} 秒は、ロボットが入力した値を確かめ、台帳に記録している時間などです。",
        "The {between} s between steps are the robot checking what it entered and recording in the ledger.",
    ),
    "report.total_row": ("操作の合計", "Steps in total"),
    "report.between_row": ("操作の合間", "Between steps"),
    "report.elapsed_row": ("入力にかかった時間", "Entry in total"),
    "report.masked_title": ("個人情報のため隠しています", "Hidden: personal data"),
    "report.blank": ("（空欄）", "(blank)"),
    "report.legend": (
        "「＊＊＊」は個人情報のため隠した値、「（空欄）」は用紙に記入がなかった項目です。",
        "＊＊＊ is a value hidden as personal data; (blank) is a field left empty on the form.",
    ),
    "report.run_without_items": (
        "実行 {run_id} では、処理した申請がありませんでした。申請を処理した実行: {runs}（--run で指定できます）",
        "Run {run_id} took up no item. Runs that did: {runs} (choose one with --run)",
    ),
    "report.bad_run_id": (
        "{run_id}: 実行IDの形ではありません（例: 20261202-093000-1a2b3c）。実行の記録: {runs}",
        "{run_id}: not a run ID (e.g. 20261202-093000-1a2b3c). Runs recorded: {runs}",
    ),
    "report.unknown_run": (
        "{path} に実行 {run_id} の記録がありません。実行の記録: {runs}",
        "No run {run_id} is recorded in {path}. Runs recorded: {runs}",
    ),
}
