"""Messages of entering records into web systems."""

MESSAGES: dict[str, tuple[str, str]] = {
    # --- web entry -------------------------------------------------------------
    "browser.launch_failed": (
        "ブラウザ（{channel}）を起動できません。サイトプロファイルの browser.channel / executable を確認するか、ブラウザをインストールしてください。",
        "The browser ({channel}) cannot be started. Check browser.channel/executable in the site profile, or install the browser.",
    ),
    "web.host_not_allowed": (
        "接続先「{host}」はサイトプロファイルの allowed_hosts で許可されていないため開けません（スキーム・ホスト・ポートの組で照合します。許可したホストでも別のポートは別の接続先です）。",
        "'{host}' is not allowed by the site profile's allowed_hosts, so it is not opened (scheme, host and port are "
        "compared together: another port of an allowed host is another place).",
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
}
