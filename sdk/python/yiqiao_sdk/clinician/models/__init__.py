"""Contains all the data models used in inputs/outputs"""

from .department_view import DepartmentView
from .field_error import FieldError
from .health import Health
from .health_checks import HealthChecks
from .institution_view import InstitutionView
from .latest_reading import LatestReading
from .me_screen import MeScreen
from .problem import Problem
from .refresh_request import RefreshRequest
from .staff_login import StaffLogin
from .staff_view import StaffView
from .token_pair import TokenPair

__all__ = (
    "DepartmentView",
    "FieldError",
    "Health",
    "HealthChecks",
    "InstitutionView",
    "LatestReading",
    "MeScreen",
    "Problem",
    "RefreshRequest",
    "StaffLogin",
    "StaffView",
    "TokenPair",
)
