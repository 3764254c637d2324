"""A scenario for the sample legacy system's older screens (``/old/``: table layout, labels
not tied to inputs, a collapsed section, clickable cells, expiry shown only by the address),
written the way a clerk reads those screens: by their visible texts only, no selectors but
the receipt number's. Made from the sample scenario with its ``web`` replaced."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml
from conftest import SCENARIO_DIR

LOGIN = [
    {"open": "/old/login"},
    {"fill": {"label": "ユーザーID", "value": "{{ secret.legacy_user }}"}},
    {"fill": {"label": "パスワード", "value": "{{ secret.legacy_password }}", "secret": True}},
    {"click": "ログイン"},
    {"expect_text": "業務を選んでください"},
]

ENTRY = [
    {"open": "/old/menu"},
    {"click": "認定請求 登録"},
    {"expect_text": "請求者氏名"},
    {"fill": {"label": "請求者氏名", "value": "{{ record.claimant_name }}"}},
    {"fill": {"label": "フリガナ", "value": "{{ record.claimant_kana }}"}},
    {"select": {"label": "生年月日（元号）", "value": "{{ record.birth_date | era }}"}},
    {"select": {"label": "生年月日（年）", "value": "{{ record.birth_date | era_year }}"}},
    {"select": {"label": "生年月日（月）", "value": "{{ record.birth_date.month }}"}},
    {"select": {"label": "生年月日（日）", "value": "{{ record.birth_date.day }}"}},
    {"check": "{{ record.sex }}"},
    {"fill": {"label": "個人番号", "value": "{{ record.my_number }}"}},
    {"fill": {"label": "郵便番号", "value": "{{ record.postal_code }}"}},
    {"click": "住所検索"},
    {"wait_for": {"label": "住所（都道府県・市区町村・町域）", "state": "filled"}},
    {"read_text": {"label": "住所（都道府県・市区町村・町域）", "into": "town"}},
    {"fill": {"label": "番地・建物名", "value": "{{ record.address | strip_prefix(record.town) }}"}},
    {"fill": {"label": "電話番号", "value": "{{ record.phone }}"}},
    {"check": "{{ record.pension }}"},
    {"click": "振込先口座（クリックで開く）"},
    {"fill": {"label": "金融機関名", "value": "{{ record.bank_name }}"}},
    {"fill": {"label": "支店名", "value": "{{ record.branch_name }}"}},
    {"check": "{{ record.account_type }}"},
    {"fill": {"label": "口座番号", "value": "{{ record.account_number }}"}},
    {"fill": {"label": "口座名義（カナ）", "value": "{{ record.account_holder_kana }}"}},
    {"fill": {"label": "児童1 氏名", "value": "{{ record.child1_name }}"}},
    {"fill": {"label": "児童1 フリガナ", "value": "{{ record.child1_kana }}"}},
    {"fill": {"label": "児童1 生年月日", "value": "{{ record.child1_birth_date | ymd }}"}},
    *({"when": f"record.child{n}_name", "fill": {"label": f"児童{n} {label}", "value": value}}
      for n in (2, 3) for label, value in (("氏名", f"{{{{ record.child{n}_name }}}}"),
                                           ("フリガナ", f"{{{{ record.child{n}_kana }}}}"),
                                           ("生年月日", f"{{{{ record.child{n}_birth_date | ymd }}}}"))),
    {"check": "記載内容を確認しました"},
    {"click": "確認"},
    {"expect_text": "入力内容の確認"},
    {"accept_dialog": {"expect": "登録します"}},
    {"final": True, "click": "登録"},
    {"expect_text": "登録が完了しました"},
    {"read_text": {"selector": "#receipt-no", "into": "receipt_no"}},
]


def old_screens_scenario(folder: Path, *, replace: dict[str, str] | None = None,
                         session_expired: object = None) -> Path:
    """The sample scenario in ``folder`` with steps for the older screens; ``replace`` changes
    a label or click text of the entry steps (a scenario mistake), ``session_expired``
    defaults to the address of the older login page."""
    shutil.copytree(SCENARIO_DIR, folder)
    path = folder / "scenario.yaml"
    scenario = yaml.safe_load(path.read_text(encoding="utf-8"))
    entry = yaml.safe_load(yaml.safe_dump(ENTRY, allow_unicode=True))
    for old, new in (replace or {}).items():
        for step in entry:
            for args in step.values():
                if isinstance(args, dict) and args.get("label") == old:
                    args["label"] = new
            if step.get("click") == old:
                step["click"] = new
    scenario["web"] = {
        "system": "kikan",
        "error_area": "ul.errors, p.error",
        "session_expired": session_expired if session_expired is not None else {"url": "/old/login?timeout=*"},
        "system_error": ["システムエラーが発生しました", "ただいまシステムメンテナンス中です"],
        "login": LOGIN,
        "entry": entry,
        "lookup": scenario["web"]["lookup"],
    }
    path.write_text(yaml.safe_dump(scenario, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return folder
