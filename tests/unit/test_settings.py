"""Settings come from YQ_* variables, refuse typos, and are all documented in the README."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from yiqiao.settings import Settings

README = Path(__file__).resolve().parents[2] / "README.md"


def test_every_setting_is_in_the_readme_table():
    table = README.read_text()
    documented = set(re.findall(r"`(YQ_[A-Z0-9_]+)`", table))
    fields = {f"YQ_{f.upper()}" for f in Settings.__struct_fields__}
    assert fields - documented == set(), "document these in README.md's configuration table"
    assert documented - fields == set(), "README documents settings that do not exist"


def test_values_are_converted_and_typos_refused():
    s = Settings.from_env({"YQ_OTP_TTL_S": "60", "YQ_ENV": "test"})
    assert s.otp_ttl_s == 60 and s.env == "test"
    with pytest.raises(SystemExit, match="YQ_OTP_TTL"):
        Settings.from_env({"YQ_OTP_TTL": "60"})
    with pytest.raises(SystemExit, match="Invalid setting"):
        Settings.from_env({"YQ_OTP_TTL_S": "soon"})


def test_production_refuses_the_public_dev_broker_password():
    with pytest.raises(SystemExit, match="YQ_MQTT_GATEWAY_PASSWORD"):
        Settings.from_env({"YQ_ENV": "production"})
    assert Settings.from_env({"YQ_ENV": "production", "YQ_MQTT_GATEWAY_PASSWORD": "s3cret"}).is_production
