"""SMS templates as registered with the carrier (text is fixed; only params vary)."""

TEMPLATES: dict[str, str] = {
    "otp": "【医桥】您的验证码为{code}，{minutes}分钟内有效。如非本人操作，请忽略本短信。",
    "notice": "【医桥】{title}：{body}",
}


def render(template: str, params: dict[str, str]) -> str:
    return TEMPLATES[template].format(**params)
