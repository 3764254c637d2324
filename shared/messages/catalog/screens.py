"""Messages of finding things on the screen: elements a step names, scenario errors that stop
a run, and ``robot-runner check``."""

MESSAGES: dict[str, tuple[str, str]] = {
    # --- a step's element is not what the scenario says -------------------------------
    "web.not_found": (
        "ステップ {step} の項目・ボタンが画面「{screen}」に見つかりません。画面の表示とシナリオの label / click / selector を見比べてください"
        "（末尾の「：」「※」や前後の空白は無視して探しています）。",
        "Step {step}: its field or button is not on the screen '{screen}'. Compare the screen with the scenario's "
        "label / click / selector (a trailing ':' or '※' and surrounding spaces are ignored).",
    ),
    "web.not_visible": (
        "ステップ {step} の項目・ボタンは画面「{screen}」にありますが、表示されていません。折りたたまれた欄なら、"
        "その見出しを先に click してください。",
        "Step {step}: its field or button is on the screen '{screen}' but not shown. If it is in a collapsed "
        "section, click the section's heading first.",
    ),
    "web.ambiguous": (
        "ステップ {step} に当てはまる項目・ボタンが画面「{screen}」に{count}個あり、一つに決められません。"
        "selector で指定するか、サイトプロファイルの sharing.screens で画面の表記を指定してください。",
        "Step {step} matches {count} elements on the screen '{screen}', not one. Name it with a selector, or "
        "give the screen's wording in the site profile's sharing.screens.",
    ),
    "run.scenario_stopped": (
        "同じステップで{count}件続けて失敗したため、実行を止めました。{reason} "
        "画面が変わった可能性があります。robot-runner check で確かめ、シナリオを直してから実行し直してください"
        "（止めたときの申請と残りの申請は未処理のままです）。",
        "The same step failed on {count} items in a row, so the run stopped. {reason} The screen may have "
        "changed: check it with robot-runner check, fix the scenario and run again (those items and the rest "
        "are left new).",
    ),
    # --- robot-runner check --------------------------------------------------------
    "cli.check.help": (
        "対象システムにログインし、シナリオの各画面の項目名・ボタン名・selector が見つかるかを確かめます（入力も登録もしません）。",
        "Log in to the target system and check that each screen's labels, buttons and selectors are there "
        "(nothing is entered or submitted).",
    ),
    "cli.opt.run_limit": ("入力する申請の件数の上限（例: 1 で1件だけ試す）", "Enter at most this many items (e.g. 1 to try one)"),
    "check.found": ("  ある    {step}", "  found   {step}"),
    "check.missing": ("  ない    {step}: {reason}", "  missing {step}: {reason}"),
    "check.skipped": ("  未確認  {step}（{why}）", "  skipped {step} ({why})"),
    "check.why.not_reached": (
        "申請を入力・登録しないと表示されない画面のため確かめません", "on a screen reached only by entering a record",
    ),
    "check.reason.not_found": ("画面にありません", "not on the screen"),
    "check.reason.ambiguous": ("{count}個あり、一つに決められません", "{count} elements match, not one"),
    "check.why.needs_record": ("申請の値で決まる項目のため確かめません", "depends on a record's values"),
    "check.no_web": (
        "{file}: このシナリオには web（入力先システムの操作）がないため、確かめる画面がありません。",
        "{file}: this scenario has no web steps, so there is no screen to check.",
    ),
    "check.screen": ("画面「{screen}」", "Screen '{screen}'"),
    "check.summary_ok": ("{found}個の項目・ボタンがすべて見つかりました。", "All {found} fields and buttons were found."),
    "check.summary_missing": (
        "{missing}個の項目・ボタンが見つかりません（見つかったもの {found}個）。画面が変わった可能性があります。",
        "{missing} fields or buttons are missing ({found} found). The screen may have changed.",
    ),
}
MESSAGES["config.scenario.session_expired_empty"] = (
    "session_expired には text（表示される文字）か url（画面のアドレス）の少なくとも一方を書いてください。",
    "session_expired needs text (what the page shows) or url (the page's address), or both.",
)
