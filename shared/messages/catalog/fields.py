"""Messages of field types: normalization and validation."""

MESSAGES: dict[str, tuple[str, str]] = {
    # --- generic -------------------------------------------------------------
    "error.unexpected": (
        "予期しないエラーが発生しました（{kind}）。ログを確認し、情報政策課に連絡してください。",
        "An unexpected error occurred ({kind}). Check the log and contact the information division.",
    ),
    # --- fields (normalization and validation) ------------------------------
    "field.required": (
        "必須項目が空欄です。用紙の記載を確認して入力してください。",
        "This required field is empty. Check the form and fill it in.",
    ),
    "field.katakana.invalid": (
        "フリガナはカタカナで記入してください（使えるのは全角カタカナ、長音「ー」、中点「・」、全角空白です）。用紙の記載を確認してください。",
        "Write the reading in katakana (only full-width katakana, the long-vowel mark ー, the middle dot ・ and full-width spaces are allowed). Check the form.",
    ),
    "field.number.invalid": (
        "数値として読めません。数字だけで記入してください（例: 1,234）。用紙の記載を確認してください。",
        "Not a number. Write it in digits only (e.g. 1,234). Check the form.",
    ),
    "field.money.invalid": (
        "金額として読めません。0 以上の金額を数字で記入してください（例: ¥1,234、1234円）。用紙の記載を確認してください。",
        "Not an amount of money. Write an amount of 0 or more in digits (e.g. ¥1,234 or 1234円). Check the form.",
    ),
    "field.date.format": (
        "日付として読めません。西暦で 2024-04-01、2024/4/1、2024年4月1日 のように記入してください。",
        "Not a date. Write it as 2024-04-01, 2024/4/1 or 2024年4月1日.",
    ),
    "field.date.impossible": (
        "存在しない日付です（2月30日、13月など）。用紙の年月日を確認してください。",
        "This date does not exist (e.g. February 30 or month 13). Check the date on the form.",
    ),
    "field.wareki.format": (
        "日付として読めません。令和6年4月1日、R6.4.1、5060401 や 2024-04-01 のように記入してください。",
        "Not a date. Write it as 令和6年4月1日, R6.4.1, 5060401 or 2024-04-01.",
    ),
    "field.wareki.before_era_start": (
        "元号の期間外の日付です（{era}は{first}から）。用紙の元号と年を確認してください。",
        "This date is outside its era ({era} begins on {first}). Check the era and year on the form.",
    ),
    "field.wareki.out_of_era": (
        "元号の期間外の日付です（{era}は{last}まで）。用紙の元号と年を確認してください。",
        "This date is outside its era ({era} ends on {last}). Check the era and year on the form.",
    ),
    "field.wareki.before_meiji": (
        "明治元年1月25日（1868年1月25日）より前の日付は扱えません。用紙の元号と年を確認してください。",
        "Dates before 明治元年1月25日 (1868-01-25) cannot be handled. Check the era and year on the form.",
    ),
    "field.my_number.format": (
        "個人番号は十二桁の数字で記入してください。用紙の記載を確認してください。",
        "The My Number must be twelve digits. Check the form.",
    ),
    "field.my_number.check_digit": (
        "個人番号のチェックデジットが一致しません。用紙の記載を確認してください。",
        "The My Number check digit does not match. Check the form.",
    ),
    "field.postal_code.invalid": (
        "郵便番号として読めません。7桁の数字で記入してください（例: 〒100-0001）。用紙の記載を確認してください。",
        "Not a postal code. Write seven digits (e.g. 〒100-0001). Check the form.",
    ),
    "field.phone.invalid": (
        "国内の電話番号として読めません。市外局番から記入してください（例: 03-1234-5678、090-1234-5678）。用紙の記載を確認してください。",
        "Not a valid Japanese phone number. Write it with the area code (e.g. 03-1234-5678 or 090-1234-5678). Check the form.",
    ),
    "field.choice.not_in_options": (
        "選択肢にない値です。「{options}」のいずれかを選んでください。用紙の記載を確認してください。",
        "This is not one of the options. Choose one of: {options}. Check the form.",
    ),
    "field.checkbox.required": (
        "チェックが必要な項目にチェックがありません。用紙を確認し、チェックがなければ申請者に確認してください。",
        "This box must be ticked but is not. Check the form; if it is not ticked, ask the applicant.",
    ),
    "field.checkbox.invalid": (
        "チェック欄の記入を読み取れません（☑、レ、✓、■、× または空欄を想定）。用紙を確認してください。",
        "The checkbox mark cannot be read (expected ☑, レ, ✓, ■, × or blank). Check the form.",
    ),
    "field.text.unencodable": (
        "{encoding} で扱えない文字（外字など）が {count} 文字あります。置換表に登録するか、入力先で手入力してください。",
        "{count} character(s) cannot be written in {encoding} (e.g. non-standard kanji). Add them to the substitution table or enter them by hand in the target system.",
    ),
    "field.digits.invalid": (
        "数字だけを記入してください（口座番号などは1マスに1桁）。",
        "Only digits are allowed (one digit per box for account numbers etc.).",
    ),
}
