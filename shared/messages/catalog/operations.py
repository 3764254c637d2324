"""Messages of the scheduler, the audit trail, operational logs and notifications."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "schedule.bad_rule": (
        "スケジュールの書き方が読み取れません: 「{rule}」。使える書き方: 毎営業日 08:30 / 毎月第3営業日 09:00 / "
        "毎月最終営業日 17:00 / 毎週月曜 09:00 (祝日なら翌営業日) / 毎月25日 10:00 (休日なら前営業日) / "
        "cron: 30 8 * * 1-5",
        "Cannot read the schedule {rule!r}. Forms: 毎営業日 08:30 / 毎月第3営業日 09:00 / 毎月最終営業日 17:00 / "
        "毎週月曜 09:00 (祝日なら翌営業日) / 毎月25日 10:00 (休日なら前営業日) / cron: 30 8 * * 1-5",
    ),
}

MESSAGES.update({
    # operating hours
    "ops.system_closed": ("システム「{system}」は {start} から {end} まで利用できません（運用時間外またはメンテナンス）",
                          "System {system!r} cannot be used from {start} to {end} (outside hours or maintenance)"),
    "ops.run_refused": ("実行を始めませんでした: {reason}。未処理の申請は次回の実行で処理します。",
                        "The run did not start: {reason}. Pending items are processed by the next run."),
    # audit
    "audit.unavailable": ("監査ログのデータベースに書き込めません（{kind}）", "Cannot write to the audit database ({kind})"),
    "audit.contended": ("監査ログへの書き込みが他の処理と競合し続けました。しばらくしてから再実行してください。",
                        "Writing the audit trail kept conflicting with other writers; run again later."),
    "audit.archive_broken": ("監査ログの保管（アーカイブ）を中止しました: 記録 {seq} 番で鎖が切れています。先に audit verify で確認してください。",
                             "Archiving stopped: the chain is broken at record {seq}. Run audit verify first."),
    "audit.bad_key": ("秘密情報「{name}」は Ed25519 の鍵（32バイトの base64 または16進数）ではありません。audit keygen で作り直してください。",
                      "Secret {name!r} is not an Ed25519 key (32 bytes, base64 or hex). Make one with audit keygen."),
    "audit.no_key": ("署名鍵がありません。audit keygen で鍵を作り、secrets に登録して operations.audit.signing_key にその名前を書いてください。",
                     "No signing key: make one with audit keygen, add it to secrets and name it in operations.audit.signing_key."),
    "audit.intact": ("監査ログは改ざんされていません（記録 {records} 件、チェックポイント {checkpoints} 件を確認）",
                     "The audit trail is intact ({records} records, {checkpoints} checkpoints checked)"),
    "audit.broken": ("監査ログが改ざんされています: 記録 {seq} 番が{kind}",
                     "The audit trail was tampered with: record {seq} {kind}"),
    "audit.kind.changed": ("書き換えられています", "was changed"),
    "audit.kind.removed": ("削除されています（この番号の記録がありません）", "was removed (no record has this number)"),
    "audit.kind.moved": ("前後の記録とつながっていません（この位置か直前で記録が挿入・削除・並べ替えられています）",
                         "does not follow the record before it (a record was inserted, removed or reordered here or just before)"),
    "audit.kind.rewritten": ("署名つきチェックポイント {file} と一致しません（ここまでのどこかが書き換えられ、鎖が作り直されています）",
                             "differs from the signed checkpoint {file} (the chain up to here was rewritten)"),
    "audit.kind.rewritten_here": ("署名つきチェックポイント {file} の内容と違います（この記録が書き換えられ、その後の鎖が作り直されています）",
                                  "differs from the signed checkpoint {file} (this record was rewritten and the chain after it recomputed)"),
    "audit.kind.checkpoint_missing": (
        "示すチェックポイント（記録 {size} 件まで）のファイルが見つかりません（削除されたおそれがあります。"
        "外部に保管した写しがあれば、そのフォルダを --checkpoints で指定してください）",
        "names a checkpoint (up to record {size}) whose file is missing (it may have been deleted; give the folder "
        "of a copy kept elsewhere with --checkpoints)"),
    "audit.kind.item_unrecorded": (
        "ありません（この番号から後の記録が削除されたか、台帳が監査記録なしに変更されています: "
        "申請 {item}（台帳では「{state}」）の監査記録が1件もありません）",
        "is missing (the records from here on were removed, or the ledger was changed without a record: "
        "item {item} ({state} in the ledger) has no audit record at all)"),
    "audit.kind.item_differs": (
        "ありません（この番号から後の記録が削除されたか、台帳が監査記録なしに変更されています: "
        "申請 {item} は台帳では「{state}」ですが、最後の記録 {last} 番では「{recorded}」です）",
        "is missing (the records from here on were removed, or the ledger was changed without a record: "
        "item {item} is {state} in the ledger, its last record {last} says {recorded})"),
    "audit.kind.item_not_in_ledger": ("示す申請 {item} が台帳にありません（台帳から削除されています）",
                                      "names item {item}, which is not in the ledger (it was deleted from it)"),
    "audit.kind.run_unrecorded": (
        "ありません（この番号から後の記録が削除されたか、台帳が監査記録なしに変更されています: "
        "実行 {run} の結果「{outcome}」の記録がありません）",
        "is missing (the records from here on were removed, or the ledger was changed without a record: "
        "run {run} ended {outcome} in the ledger and has no outcome record)"),
    "audit.kind.run_differs": (
        "ありません（この番号から後の記録が削除されたか、台帳が監査記録なしに変更されています: "
        "実行 {run} の結果は台帳では「{outcome}」ですが、記録 {last} 番では「{recorded}」です）",
        "is missing (the records from here on were removed, or the ledger was changed without a record: "
        "run {run} ended {outcome} in the ledger, its record {last} says {recorded})"),
    "audit.kind.run_not_in_ledger": ("示す実行 {run} の結果が台帳にありません（台帳から削除されています）",
                                     "names run {run}, whose outcome is not in the ledger (it was deleted from it)"),
    "audit.more_findings": ("ほかに {count} 件の食い違いがあります（上は最初の記録です）",
                            "{count} more disagreements follow (the first record is shown above)"),
    "audit.no_checkpoint": (
        "署名鍵が設定されていますが、確かめられるチェックポイントが1つもありません。チェックポイントのファイルが"
        "削除されたおそれがあります。外部に保管した写しを --checkpoints で指定してください（初めてなら、"
        "改ざんがないことを確かめてから audit checkpoint を実行してください）。",
        "Signing is configured but no checkpoint could be checked: the checkpoint files may have been deleted. "
        "Give the folder of a copy kept elsewhere with --checkpoints (the first time: make sure nothing was "
        "changed, then run audit checkpoint)."),
    "audit.no_public_key": (
        "operations.audit.signing_key は設定されていますが、チェックポイントを確かめる公開鍵がありません。audit keygen が"
        "書いた公開鍵のファイル（監査担当が保管する写し）を operations.audit.public_key_file に書くか、--public-key で"
        "指定してください（ロボットの署名鍵から公開鍵を作ることはしません）。",
        "operations.audit.signing_key is set but there is no public key to check checkpoints with: name the public key "
        "file written by audit keygen (the auditor's copy) in operations.audit.public_key_file or give it with "
        "--public-key (the public key is never derived from the robot's own signing key)."),
    "audit.bad_public_key": ("公開鍵のファイル {file} が読めません（audit keygen が書いた、64桁の16進数1行のファイルを指定してください）",
                             "Cannot read the public key file {file} (give the file audit keygen wrote: one line of 64 hex digits)"),
    "audit.no_folder": ("フォルダ {path} がありません", "No folder {path}"),
    "audit.checkpoint_exported": (
        "チェックポイントの写しを {path} に書きました。ロボットのアカウントが書き込めない場所（USBメモリ、監査担当のフォルダ）に"
        "保管し、audit verify --checkpoints で確かめてください。",
        "Wrote a copy of the checkpoint to {path}. Keep it where the robot's account cannot write (a USB key, the "
        "auditor's folder) and check with audit verify --checkpoints."),
    "audit.public_written": (
        "公開鍵を {path} に書きました。監査担当が別の場所にも保管し、operations.audit.public_key_file にその写しの場所を書いてください。",
        "Wrote the public key to {path}. Have the auditor keep a copy elsewhere and name it in operations.audit.public_key_file."),
    "audit.bad_signature": ("チェックポイント {file} の署名が正しくありません（別の鍵で署名されたか、書き換えられています）",
                            "Checkpoint {file} has a bad signature (another key, or it was changed)"),
    "audit.bad_date": ("日付「{value}」が読めません。2026-04-01 の形で指定してください。",
                       "Cannot read the date {value!r}; use the form 2026-04-01."),
    "audit.exported": ("監査ログ {count} 件を {path} に書き出しました", "Exported {count} audit records to {path}"),
    "audit.checkpoint_written": ("チェックポイント（記録 {size} 件）を {path} に書きました。ロボットのアカウントが書き込めない場所にも保管してください。",
                                 "Wrote a checkpoint ({size} records) to {path}. Keep a copy where the robot's account cannot write."),
    "audit.key_exists": ("{path} は既にあります。上書きしません。", "{path} exists; not overwritten."),
    "audit.key_written": ("署名鍵を {path} に {name}=… の形で書きました（所有者だけが読めます）。公開鍵: {public}",
                          "Wrote the signing key to {path} as {name}=… (owner-only). Public key: {public}"),
    "audit.no_retention": ("operations.audit.retention_days が設定されていないため、保管（アーカイブ）はしません。",
                           "operations.audit.retention_days is not set: nothing is archived."),
    "audit.archived": ("古い記録を {path} に保管し、検証してから表から移しました。", "Archived old records to {path} (verified) and removed them from the table."),
    "audit.nothing_to_archive": ("保管期間を過ぎた記録はありません。", "No records are past the retention period."),
    "audit.col.seq": ("番号", "seq"), "audit.col.time": ("日時(UTC)", "time (UTC)"), "audit.col.event": ("出来事", "event"),
    "audit.col.run_id": ("実行ID", "run id"), "audit.col.scenario_id": ("シナリオ", "scenario"),
    "audit.col.item_id": ("申請ID", "item id"), "audit.col.key_hash": ("申請の鍵つきハッシュ", "item key hash"),
    "audit.col.state": ("状態", "state"), "audit.col.os_user": ("OSユーザー", "OS user"), "audit.col.robot": ("ロボット", "robot"),
    "audit.col.person": ("処理した人", "person"), "audit.col.details": ("その他", "details"),
    "cli.audit.help": ("監査ログ: 検証・書き出し・署名つきチェックポイント", "Audit trail: verify, export, signed checkpoints"),
    "cli.audit.verify.help": ("監査ログが改ざんされていないか確かめる（改ざんがあれば最初の記録を示し、終了コード1）",
                              "Check the audit trail (names the first changed record; exit code 1)"),
    "cli.audit.export.help": ("監査ログを監査人向けの CSV に書き出す", "Export the audit trail as CSV for auditors"),
    "cli.audit.checkpoint.help": ("署名つきチェックポイント（件数・先頭ハッシュ・日時、Ed25519）を書く",
                                  "Write a signed checkpoint (size, head hash, time; Ed25519)"),
    "cli.audit.keygen.help": ("チェックポイントの署名鍵を作り、所有者だけが読めるファイルに書く", "Make a checkpoint signing key in an owner-only file"),
    "cli.audit.archive.help": ("保管期間を過ぎた記録を検証済みのファイルに移す", "Move records past retention to a verified archive file"),
    "cli.opt.checkpoint": ("チェックポイントのフォルダのものに加えて確かめるチェックポイントのファイル",
                           "a checkpoint file to check besides those in the checkpoint folder"),
    "cli.opt.checkpoints": ("外部に保管したチェックポイントの写しのフォルダ（サイトのものに加えて確かめる）",
                            "folder of checkpoint copies kept elsewhere (checked besides the site's own)"),
    "cli.opt.public_key": ("チェックポイントを確かめる公開鍵のファイル（監査担当の写し。省略時はサイトの設定）",
                           "public key file to check checkpoints with (the auditor's copy; default: the site setting)"),
    "cli.opt.checkpoint_export": ("チェックポイントの写しも書くフォルダ（USBメモリなど、ロボットが書き込めない場所）",
                                  "also write a copy of the checkpoint to this folder (a USB key, somewhere the robot cannot write)"),
    "cli.opt.public_out": ("公開鍵を書くファイル（省略時は鍵と同じフォルダの audit-public-key.txt）",
                           "file for the public key (default: audit-public-key.txt beside the key)"),
    "cli.opt.from": ("この日から（例 2026-04-01、日本時間）", "from this day (e.g. 2026-04-01, Japan time)"),
    "cli.opt.to": ("この日まで（この日を含む）", "up to and including this day"),
    "cli.opt.checkpoint_out": ("チェックポイントを書くフォルダ", "folder for the checkpoint"),
    "cli.opt.key_out": ("鍵を書くファイル（secrets_file に使えます）", "file for the key (usable as secrets_file)"),
    "cli.opt.key_name": ("鍵の名前", "name of the key"),
    # notices
    "notify.subject": ("[RPA] {site} {scenario}: 確認が必要な申請 {problems} 件", "[RPA] {site} {scenario}: {problems} items need a person"),
    "notify.intro": ("{site} のロボット実行（シナリオ {scenario}、実行ID {run}）が終わりました。",
                     "The robot run for {site} (scenario {scenario}, run {run}) has ended."),
    "notify.fatal": ("実行は途中で止まりました: {reason}", "The run stopped: {reason}"),
    "notify.stopped_for_window": ("対象システムの運用時間の終わり（またはメンテナンス）が近いため、新しい申請の処理を止めました。残りは次回処理します。",
                                  "The target system closes soon (or goes into maintenance): no new items were taken; the rest go to the next run."),
    "notify.counts": ("状態ごとの件数:", "Items by state:"),
    "notify.problems": ("確認が必要な申請（番号は robot_runner.py queue show で見られます）:",
                        "Items that need a person (see robot_runner.py queue show):"),
    "notify.footer": ("このメールには個人情報を含めていません。", "This mail holds no personal data."),
    "notify.failed": ("通知メールを送れませんでした（{host}、{kind}）", "Could not send the notice ({host}, {kind})"),
})

MESSAGES.update({
    "schedule.no_scenario": ("シナリオ「{scenario}」が {folder} にありません。シナリオのフォルダをそこに置くか、"
                             "サイトプロファイルの operations.scheduler.scenarios にフォルダを書いてください。",
                             "Scenario {scenario!r} is not in {folder}. Put its folder there or set operations.scheduler.scenarios."),
    "schedule.unknown_site": ("このスケジューラはサイト「{site}」を扱っていません。そのサイトの scheduler start で動かしてください。",
                              "This scheduler does not serve site {site!r}; run scheduler start for that site."),
    "schedule.locked": ("スケジューラは既に動いています（{holder}、ジョブの保存先 {store}）。同じ保存先で2つ目は起動しません。"
                        "止めてから起動し直してください。",
                        "A scheduler already runs on this job store ({holder}, {store}); a second one does not start. Stop it first."),
    "schedule.no_such": ("スケジュール「{schedule}」はありません。schedule list で確認してください。",
                         "No schedule {schedule!r}; see schedule list."),
    "schedule.added": ("スケジュール {schedule} を登録しました（シナリオ {scenario}、{rule}）。次の実行:",
                       "Added schedule {schedule} (scenario {scenario}, {rule}). Next fires:"),
    "schedule.none": ("スケジュールはありません。", "No schedules."),
    "schedule.line": ("{schedule}  シナリオ {scenario}  「{rule}」  {state}  （遅れても {grace} 秒以内なら実行）",
                      "{schedule}  scenario {scenario}  {rule!r}  {state}  (runs if up to {grace} s late)"),
    "schedule.paused": ("一時停止中", "paused"),
    "schedule.active": ("有効", "active"),
    "schedule.next": ("次の5回:", "next five:"),
    "schedule.done.pause": ("スケジュール {schedule} を一時停止しました", "Paused schedule {schedule}"),
    "schedule.done.resume": ("スケジュール {schedule} を再開しました", "Resumed schedule {schedule}"),
    "schedule.done.remove": ("スケジュール {schedule} を削除しました", "Removed schedule {schedule}"),
    "scheduler.started": ("スケジューラを起動しました（{site}、スケジュール {count} 件）。止めるには Ctrl+C。",
                          "Scheduler started ({site}, {count} schedules). Ctrl+C stops it."),
    "scheduler.stopped": ("スケジューラを止めました", "Scheduler stopped"),
    "cli.schedule.help": ("スケジュール（営業日カレンダーで実行）の登録・一覧・停止・再開・削除",
                          "Schedules on the business-day calendar: add, list, pause, resume, remove"),
    "cli.scheduler.help": ("スケジューラ（登録したスケジュールを実行する常駐プロセス）", "The scheduler process that runs the schedules"),
    "cli.schedule.add.help": ("シナリオを実行するスケジュールを登録する", "Schedule a scenario"),
    "cli.schedule.list.help": ("スケジュールと次の5回の実行日時を表示する", "List schedules with their next five fire times"),
    "cli.schedule.pause.help": ("スケジュールを一時停止する", "Pause a schedule"),
    "cli.schedule.resume.help": ("一時停止したスケジュールを再開する", "Resume a schedule"),
    "cli.schedule.remove.help": ("スケジュールを削除する", "Remove a schedule"),
    "cli.scheduler.start.help": ("スケジューラを前面で動かす（systemd やタスクスケジューラから起動）",
                                 "Run the scheduler in the foreground (start it from systemd or Task Scheduler)"),
    "cli.arg.schedule_scenario": ("シナリオのフォルダまたはID", "scenario folder or id"),
    "cli.arg.schedule": ("スケジュールID（schedule list で表示）", "schedule id (see schedule list)"),
    "cli.opt.rule": ("いつ実行するか: 毎営業日 08:30 / 毎月第3営業日 09:00 / 毎月最終営業日 17:00 / 毎週月曜 (祝日なら翌営業日) / cron: 30 8 * * 1-5",
                     "when: 毎営業日 08:30 / 毎月第3営業日 09:00 / 毎月最終営業日 17:00 / 毎週月曜 (祝日なら翌営業日) / cron: 30 8 * * 1-5"),
    "cli.opt.grace": ("止まっていて実行できなかったとき、何秒遅れまでなら実行するか", "run a missed fire if at most this many seconds late"),
    "cli.opt.no_coalesce": ("実行できなかった回をまとめず、すべて実行する", "run every missed fire, not just one"),
})

MESSAGES.update({
    # the ledger key (personal values sealed at rest: shared/ledger/sealing.py)
    "ledger.key_bad": (
        "秘密情報「{name}」は台帳の鍵（32バイトの base64 をカンマで区切ったもの）ではありません。"
        "正しい鍵を戻すか、鍵がなければ ledger rotate-key は使わず、鍵を持っている担当者に確認してください。",
        "Secret {name!r} is not a ledger key ring (base64 keys of 32 bytes, separated by commas). Put the right "
        "key back; if it is lost, ask whoever holds it (ledger rotate-key needs it to open the values).",
    ),
    "ledger.key_unknown": (
        "台帳の値は鍵ID {kid} の鍵で暗号化されていますが、このサイトの秘密情報 ledger_key にその鍵がありません"
        "（ある鍵: {known}）。この台帳を作ったパソコンの ledger_key を写してから、もう一度実行してください。"
        "別のサイトの台帳を開いていないかも確かめてください。",
        "The ledger's values are sealed with key id {kid}, which the site's secret ledger_key does not hold (it "
        "holds: {known}). Copy ledger_key from the machine that made this ledger and run again; check that this "
        "is the site's own ledger.",
    ),
    "ledger.key_missing": (
        "台帳の値は鍵ID {kid} の鍵で暗号化されています。サイトプロファイルを指定して（--site）開いてください。",
        "The ledger's values are sealed with key id {kid}; open it through its site profile (--site).",
    ),
    "ledger.value_damaged": (
        "台帳の申請 {item} の値を鍵で開けません（値が壊れているか、別の申請の値が書き込まれています）。"
        "台帳のバックアップを確かめてください。",
        "The values of ledger item {item} do not open with the key (damaged, or copied from another item). "
        "Check the ledger's backups.",
    ),
    "ledger.key_unwritable": (
        "台帳の鍵を秘密情報ファイルに書けません（{kind}）。ロボットのアカウントがこのファイルとそのフォルダに"
        "書き込めるようにするか、鍵を作って secrets の ledger_key（env: または keyring:）に置いてください。",
        "Cannot write the ledger key into the secrets file ({kind}). Let the robot's account write the file and "
        "its folder, or make a key and put it in ledger_key under secrets (env: or keyring:).",
    ),
    "ledger.rotated": ("台帳の値を新しい鍵（鍵ID {kid}）で暗号化し直しました（申請 {items} 件）。",
                       "Sealed the ledger's values again with the new key (key id {kid}; {items} items)."),
    "ledger.retired_removed": (
        "使わなくなった鍵（鍵ID {kids}）を秘密情報ファイルから外しました。同じ台帳を使うほかのパソコンには、"
        "新しい ledger_key を写してください。",
        "Removed the keys no longer used (key ids {kids}) from the secrets file. Copy the new ledger_key to the "
        "other machines sharing this ledger.",
    ),
    "ledger.retired_left": (
        "鍵ID {kids} の鍵はもう使っていません。ledger_key（環境変数または資格情報ストア）から外してください。",
        "The keys with ids {kids} are no longer used: take them out of ledger_key (environment or credential store).",
    ),
    "cli.ledger.help": ("台帳の管理（個人情報を暗号化する鍵の交換）", "Ledger administration (the key sealing personal data)"),
    "cli.ledger.rotate.help": (
        "台帳に残る個人情報を新しい鍵で暗号化し直し、古い鍵を使わなくする（実行中のロボットは止めてから）",
        "Seal the personal data the ledger keeps again with a new key and retire the old one (stop the robots first)",
    ),
})
