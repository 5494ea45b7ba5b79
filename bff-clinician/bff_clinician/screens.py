from __future__ import annotations

import msgspec
from yiqiao.identity.types import DepartmentView, InstitutionView, StaffView


class MeScreen(msgspec.Struct, kw_only=True):
    """Who I am and my department, for the clinician's start screen."""

    me: StaffView
    institution: InstitutionView
    department: DepartmentView
    colleagues: list[StaffView]
