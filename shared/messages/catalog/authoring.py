"""Messages of changing a scenario after it was written: renaming a field, updating the
samples' expected records."""

MESSAGES: dict[str, tuple[str, str]] = {
    # --- scenario rename-field -------------------------------------------------------------
    "cli.scenario.rename_field.help": (
        "項目名を一度に変更します（シナリオ・テンプレート・手順の {{{{ record.項目名 }}}}・samples の期待結果）",
        "Rename a field everywhere at once (scenario, templates, {{{{ record.NAME }}}} in steps, the samples' expected records)",
    ),
    "cli.arg.old_field": ("今の項目名（英字）", "the field's current name"),
    "cli.arg.new_field": ("新しい項目名（英字）", "the field's new name"),
    "cli.opt.scenario_folder": (
        "シナリオのフォルダ（scenario.yaml のあるフォルダ）、またはインストール済みシナリオの名前（既定: いまのフォルダ）",
        "the scenario's folder (holding scenario.yaml), or an installed scenario's name (default: the current folder)",
    ),
    "cli.opt.dry_run": ("変更する箇所を表示するだけで、書き込みません", "show what would change; write nothing"),
    "rename.unknown_field": (
        "項目「{name}」はシナリオの fields にありません。{hint}何も変更していません。",
        "There is no field '{name}' in the scenario's fields. {hint} Nothing was changed.",
    ),
    "rename.bad_name": (
        "新しい項目名「{name}」は使えません。英小文字で始まり、英小文字・数字・「_」・「-」だけでできた64文字までの名前にしてください。何も変更していません。",
        "The new name '{name}' cannot be used: start with a lower-case letter and use only a-z, 0-9, '_' and '-' "
        "(at most 64 characters). Nothing was changed.",
    ),
    "rename.exists": (
        "項目名「{name}」はすでに使われています（fields、read_text の into、または receipt_no・item_id・today）。別の名前にしてください。何も変更していません。",
        "The name '{name}' is already taken (a field, a read_text into, or receipt_no, item_id, today). Choose another. "
        "Nothing was changed.",
    ),
    "rename.exists_in": (
        "項目名「{name}」がすでに {file} にあります。別の名前にするか、{file} を確かめてください。何も変更していません。",
        "'{name}' is already in {file}. Choose another name or check {file}. Nothing was changed.",
    ),
    "rename.unsafe": (
        "{file} を書き方を保ったまま書き換えられませんでした（引用符の中のエスケープやエイリアスなど）。何も変更していません。{file} を手で直してください。",
        "{file} could not be changed keeping its style (an escape inside quotes, an alias, ...). Nothing was changed; "
        "edit {file} by hand.",
    ),
    "rename.not_in_templates": (
        "「{name}」は手順のテンプレートで record.{name} と書けない名前です（「-」を含む）。「-」の代わりに「_」を使ってください。何も変更していません。",
        "'{name}' cannot be written as record.{name} in the steps' templates (it holds '-'); use '_' instead. "
        "Nothing was changed.",
    ),
    "rename.expected_unreadable": (
        "期待結果 {file} を JSON として読めません。直してから、もう一度実行してください。何も変更していません。",
        "The expected record {file} is not readable JSON; fix it and run again. Nothing was changed.",
    ),
    "rename.change": ("  {file}:{line}: {before} → {after}", "  {file}:{line}: {before} -> {after}"),
    "rename.change_file": ("  {file}: {before} → {after}", "  {file}: {before} -> {after}"),
    "rename.done": (
        "項目「{old}」を「{new}」に変更しました（{files} ファイル、{count} か所）。validate と scenario test で確かめてください。",
        "Renamed field '{old}' to '{new}' ({files} files, {count} places). Check with validate and scenario test.",
    ),
    "rename.dry_run": (
        "変更するのは {files} ファイル、{count} か所です（--dry-run のため、何も書き込んでいません）。",
        "{count} places in {files} files would change (--dry-run: nothing was written).",
    ),
    "rename.notes": ("手で直すもの:", "To do by hand:"),
    "rename.note.manifest": (
        "  {file} のハッシュが合わなくなります。scenario pack でパッケージを作り直してください。",
        "  The hashes in {file} no longer match; make the package again with scenario pack.",
    ),
    "rename.note.left": (
        "  {file} の {lines} 行目に、まだ「{old}」と書かれています（コメント・ラベル・テンプレートの読み取りでない文字）。必要なら手で直してください。",
        "  {file} still mentions '{old}' on line(s) {lines} (a comment, a label, text that is no template read); "
        "change it by hand if needed.",
    ),
    "rename.note.prose": (
        "  {file} に「{old}」と書かれています。説明の文なら手で直してください。",
        "  {file} mentions '{old}'; if it is prose, change it by hand.",
    ),
    "template.rename_not_a_name": (
        "「{name}」はテンプレートで record.{name} と書けない名前です。",
        "'{name}' cannot be written as record.{name} in a template.",
    ),
    # --- scenario test --update-expected ----------------------------------------------------
    "cli.opt.update_expected": (
        "読み取った値と期待結果（samples/*.expected.json）の違いを表示し、確認のうえ期待結果を書き換えます（期待結果のない新しいサンプルには作ります）",
        "show how the values read differ from the expected records (samples/*.expected.json) and rewrite them once "
        "confirmed (a new sample without one gets one)",
    ),
    "cli.opt.yes_expected": ("確認せずに書き込みます（スクリプト用）", "write without asking (for scripts)"),
    "scenario.expected.new": (
        "{sample}: 期待結果がありません。読み取った {count} 項目で {expected} を作ります:",
        "{sample}: no expected record; {expected} will be made from the {count} fields read:",
    ),
    "scenario.expected.differs": (
        "{sample}: {expected} と {count} 項目が違います（期待結果 → 読み取った値）:",
        "{sample}: {count} field(s) differ from {expected} (expected -> read):",
    ),
    "scenario.expected.change": ("  {mark} {name}: {before} → {after}", "  {mark} {name}: {before} -> {after}"),
    "scenario.expected.none": ("（なし）", "(none)"),
    "scenario.expected.doubt": (
        "      ↑ 読み取りの検査に通っていない値です（{why}）。正しい値か、様式と見本を確かめてください。",
        "      ^ this value failed the reading's checks ({why}); make sure it is right (check the template and sample).",
    ),
    "scenario.expected.unreadable": (
        "{sample}: 読み取れないため、期待結果は変えません（{detail}）",
        "{sample}: cannot be read, its expected record is kept ({detail})",
    ),
    "scenario.expected.no_template": (
        "テンプレート {template} がシナリオの inputs にありません",
        "the template {template} is not among the scenario's inputs",
    ),
    "scenario.expected.same": (
        "期待結果はすべて読み取った値と同じです。書き換えるものはありません。",
        "Every expected record matches what is read; nothing to rewrite.",
    ),
    "scenario.expected.confirm": (
        "この内容で {count} 件の期待結果を書き込みますか？",
        "Write these {count} expected record(s)?",
    ),
    "scenario.expected.kept": ("期待結果は書き換えませんでした。", "The expected records were not changed."),
    "scenario.expected.written": (
        "期待結果を {count} 件書き込みました。続けてテストします。",
        "Wrote {count} expected record(s). Testing now.",
    ),
    # --- the command line's parse errors (robots/cli/localize.py) -----------------------------
    "cli.error.prefix": ("エラー: {message}", "Error: {message}"),
    "cli.error.try_help": ("説明は '{command} {option}' で表示されます。", "Try '{command} {option}' for help."),
    "cli.error.no_such_option": ("オプション {name} はありません。", "No such option: {name}."),
    "cli.error.no_such_command": ("コマンド {name} はありません。", "No such command {name}."),
    "cli.error.did_you_mean": ("「{names}」のことですか？", " Did you mean '{names}'?"),
    "cli.error.missing_option": ("オプション {name} を指定してください。", "Missing option {name}."),
    "cli.error.missing_argument": ("引数 {name} を指定してください。", "Missing argument {name}."),
    "cli.error.extra_arguments": ("余分な引数があります（{args}）。", "Got unexpected extra argument(s) ({args})."),
    "cli.error.needs_value": ("オプション {name} の後に値を書いてください。", "Option {name} requires an argument."),
    "cli.error.takes_no_value": ("オプション {name} には値を書きません。", "Option {name} does not take a value."),
    "cli.error.invalid_value_for": ("{name} の値が正しくありません。{detail}", "Invalid value for {name}: {detail}"),
    "cli.error.invalid_value": ("値が正しくありません（{detail}）。", "Invalid value: {detail}"),
    "cli.error.detail.integer": ("整数を指定してください。", "Input should be a valid integer."),
    "cli.error.detail.at_most": ("{limit} 以下の数を指定してください。", "Input should be less than or equal to {limit}."),
    "cli.error.detail.at_least": ("{limit} 以上の数を指定してください。", "Input should be greater than or equal to {limit}."),
}
