"""Messages of composite fields (one field read from several boxes) and of how a template's
boxes fit the form."""

MESSAGES: dict[str, tuple[str, str]] = {
    # --- the parts, as messages name them ---------------------------------------
    "part.era": ("元号", "era"),
    "part.year": ("年", "year"),
    "part.month": ("月", "month"),
    "part.day": ("日", "day"),
    "part.area": ("市外局番", "area code"),
    "part.local": ("市内局番", "local code"),
    "part.number": ("加入者番号", "subscriber number"),
    "part.first": ("郵便番号の前半（3桁）", "first half of the postal code (3 digits)"),
    "part.last": ("郵便番号の後半（4桁）", "second half of the postal code (4 digits)"),
    "part.family": ("氏", "family name"),
    "part.given": ("名", "given name"),
    # --- a part that is wrong ----------------------------------------------------
    "composite.part_missing": (
        "「{part}」の欄が空欄です（ほかの欄には記入があります）。用紙の「{part}」の欄を確認してください。",
        "The {part} box is empty (the other boxes of this field are filled in). Check the {part} box on the form.",
    ),
    "composite.part_number": (
        "「{part}」の欄を数として読めません（数字、漢数字、または年の「元」を想定）。用紙の「{part}」の欄を確認してください。",
        "The {part} box cannot be read as a number (digits, kanji numerals, or 元 for the first year expected). Check the {part} box on the form.",
    ),
    "composite.part_era": (
        "「{part}」の欄を元号として読めません（明治・大正・昭和・平成・令和、または明・大・昭・平・令を想定）。用紙の「{part}」の欄を確認してください。",
        "The {part} box cannot be read as an era (明治, 大正, 昭和, 平成, 令和 or 明・大・昭・平・令 expected). Check the {part} box on the form.",
    ),
    "composite.part_digits": (
        "「{part}」の欄は数字だけで記入してください。用紙の「{part}」の欄を確認してください。",
        "Only digits are allowed in the {part} box. Check the {part} box on the form.",
    ),
    "composite.part_length": (
        "「{part}」の欄は{count}桁の数字です（{actual}桁読み取りました）。用紙の「{part}」の欄を確認してください。",
        "The {part} box holds {count} digits ({actual} were read). Check the {part} box on the form.",
    ),
    "composite.era_none": (
        "「{part}」のどれにも○が付いていません（ほかの欄には記入があります）。用紙の「{part}」を確認してください。",
        "No option of the {part} is circled (the other boxes of this field are filled in). Check the {part} on the form.",
    ),
    "composite.era_many": (
        "「{part}」の複数の選択肢に印が付いています（{options}）。どれか1つにしてください。",
        "More than one option of the {part} is marked ({options}). Only one may be.",
    ),
    # --- a template whose boxes miss what is written ------------------------------
    "template_suspect.choice": (
        "どの選択肢にも印が見つかりませんが、選択肢の近くに記入（○や✓の跡）があります。テンプレートの選択肢の枠（options）が用紙の印刷された選択肢と合っていない可能性があります。「template inspect」で枠の位置を確認してください。",
        "No option is found marked, but there is writing (a circle or tick) near the options. The template's option boxes may not match the printed options. Check them with 'template inspect'.",
    ),
    "template_suspect.text": (
        "枠の中に文字がありませんが、枠のすぐ外に記入があります。テンプレートの枠（box）が用紙の記入欄と合っていない可能性があります。「template inspect」で枠の位置を確認してください。",
        "Nothing is written inside the box, but there is writing just outside it. The template's box may not match the form's field. Check it with 'template inspect'.",
    ),
    # --- templates (loading) -----------------------------------------------------------
    "config.template.parts_shape": (
        "parts の組み合わせが読めません（{detail}）。日付は year・month・day（と era）、電話番号は area・local・number、郵便番号は first・last、氏名は family・given の組み合わせで指定してください。",
        "These parts cannot be combined ({detail}). Use year, month, day (and era) for a date, area, local, number for a phone, first, last for a postal code, family, given for a name.",
    ),
    "config.template.part_location": (
        "parts の各部分には box（枠）を1つ指定してください。元号（era）だけは read: circled と options（○で囲む選択肢）、または value（印刷された元号、例: 令和）でも指定できます。xml・json・csv では各部分に path を1つ指定します。",
        "Give each part one box. Only the era may instead be read: circled with options, or a value (an era printed on the form, e.g. 令和). In xml, json and csv each part has one path.",
    ),
    "config.template.parts_alone": (
        "parts を使う項目には box・anchor・options を書かないでください（場所は各部分に書きます）。",
        "A field with parts takes no box, anchor or options of its own (each part has its place).",
    ),
    "config.template.parts_type": (
        "項目「{name}」（種類 {type}）は、これらの部分から組み立てられません。この種類の部分は {parts} です。",
        "The field '{name}' (type {type}) cannot be assembled from these parts. The parts of this type are: {parts}.",
    ),
}
