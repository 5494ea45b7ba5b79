"""Contains all the data models used in inputs/outputs"""

from .citizen_cards_screen import CitizenCardsScreen
from .citizen_session import CitizenSession
from .citizen_sms import CitizenSms
from .device_login import DeviceLogin
from .field_error import FieldError
from .health import Health
from .health_checks import HealthChecks
from .id_card_read import IdCardRead
from .otp_request import OtpRequest
from .otp_sent import OtpSent
from .problem import Problem
from .profile_view import ProfileView
from .profile_view_relationship import ProfileViewRelationship
from .refresh_request import RefreshRequest
from .token_pair import TokenPair
from .visit_card_view import VisitCardView

__all__ = (
    "CitizenCardsScreen",
    "CitizenSession",
    "CitizenSms",
    "DeviceLogin",
    "FieldError",
    "Health",
    "HealthChecks",
    "IdCardRead",
    "OtpRequest",
    "OtpSent",
    "Problem",
    "ProfileView",
    "ProfileViewRelationship",
    "RefreshRequest",
    "TokenPair",
    "VisitCardView",
)
