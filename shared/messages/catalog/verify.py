"""Messages of checking what was entered (read-back), refusals after the final submit,
the cap on entering an item again, stopping a run by a signal, and the warnings of
``validate``, and a re-dropped file superseding the item it corrects (issue 16)."""

MESSAGES: dict[str, tuple[str, str]] = {
    "web.entered_truncated": (
        "「{label}」: 最大{max_length}文字の欄に{length}文字を入力しようとしたため、画面には{shown}文字しか入りませんでした（{step}）。"
        "申請書の値を確認し、対象システムに入る長さにして入力し直してください。",
        "'{label}': {length} characters were typed into a field of at most {max_length}; the screen holds only "
        "{shown} ({step}). Check the form's value and shorten it to what the target system accepts.",
    ),
    "web.entered_differs": (
        "「{label}」: 入力した値と画面の値が違います（入力 {length}文字、画面 {shown}文字。{step}）。"
        "画面が値を書き換えています。値を確認するか、この項目が書き換わるのが正しいならシナリオの手順に verify: false と書いてください。",
        "'{label}': the screen holds a different value from the one typed ({length} characters typed, {shown} on "
        "screen; {step}). The screen changed the value. Check it, or write verify: false on the step if the "
        "screen is meant to change it.",
    ),
    "web.entered_differs_shown": (
        "「{label}」: 「{expected}」を入力しましたが、画面の値は「{actual}」です（{step}）。"
        "値を確認するか、この項目が書き換わるのが正しいならシナリオの手順に verify: false と書いてください。",
        "'{label}': '{expected}' was entered but the screen shows '{actual}' ({step}). Check the value, or write "
        "verify: false on the step if the screen is meant to change it.",
    ),
    "web.selected_differs": (
        "「{label}」: 選択肢「{expected}」を選びましたが、画面で選ばれているのは「{actual}」です（{step}）。",
        "'{label}': option '{expected}' was chosen but the screen has '{actual}' selected ({step}).",
    ),
    "web.checked_differs": (
        "「{label}」: チェックを{expected}にしましたが、画面では{actual}のままです（{step}）。",
        "'{label}': the box was set to {expected} but the screen shows it {actual} ({step}).",
    ),
    "web.check_on": ("オン", "checked"),
    "web.check_off": ("オフ", "unchecked"),
    "web.rejected_after_submit": (
        "最後の登録操作の後、対象システムが登録を受け付けませんでした: {detail}",
        "After the final submit the target system refused the record: {detail}",
    ),
    "item.unconfirmed_too_often": (
        "{file}: 最後の登録操作を{attempts}回行いましたが、どの回も完了の画面が出ず、対象システムの検索でも登録が見つかりません。"
        "これ以上自動では入力しません。担当者が対象システムを確認してください（画面のエラー表示がシナリオの error_area に当てはまるかも確認してください）。",
        "{file}: the final submit was made {attempts} times, each time without the completion screen, and the target "
        "system's search does not find the record. It is not entered again automatically: a person must check the "
        "target system (and whether the scenario's error_area matches the screen's error display).",
    ),
    "run.stopped_by_signal": (
        "中断の指示（{signal}）を受けたため、処理中の手順を終えてから実行を止めました。未処理の申請は次回の実行で続きから処理します。",
        "Stopped on request ({signal}) after finishing the current step. Items not processed are continued by the next run.",
    ),
    "run.stop_requested": (
        "中断の指示（{signal}）を受けました。処理中の手順を終えてから止めます（もう一度押すとすぐに止めます）。",
        "Stop requested ({signal}): finishing the current step (press again to stop at once).",
    ),
    "config.warn.optional_unguarded": (
        "（注意）任意項目 record.{name} を when も default もなしで使っています。空のときは空欄が入力されます。"
        "空なら手順を飛ばすときは when: record.{name} を、空のときの値は {{{{ record.{name} | default('…') }}}} を書いてください。",
        "(warning) The optional field record.{name} is used without when or default; when it is empty, empty "
        "text is entered. Add when: record.{name} to skip the step, or {{{{ record.{name} | default('…') }}}}.",
    ),
    "item.superseded": (
        "{file}: 同じ名前のファイルが入れ直されたため、この申請は閉じました（新しいファイルは申請 {by} として読み取ります）。",
        "{file}: a file with the same name was dropped again, so this item is closed (the new file is read as item {by}).",
    ),
    "summary.superseded": (
        "{file}: 入れ直されたファイルです。前の要確認の申請 {old} を閉じ、申請 {by} として読み取りました。",
        "{file}: dropped again; the earlier item {old} waiting for a person is closed, the file is read as item {by}.",
    ),
}
