"""Contains all the data models used in inputs/outputs"""

from .add_profile import AddProfile
from .add_profile_relationship import AddProfileRelationship
from .bind_card import BindCard
from .card_with_qr import CardWithQr
from .field_error import FieldError
from .health import Health
from .health_checks import HealthChecks
from .health_qr import HealthQr
from .home_screen import HomeScreen
from .new_electronic_card import NewElectronicCard
from .notice_page import NoticePage
from .notice_view import NoticeView
from .notice_view_data import NoticeViewData
from .otp_request import OtpRequest
from .otp_sent import OtpSent
from .preference import Preference
from .preference_category import PreferenceCategory
from .preference_channels_item import PreferenceChannelsItem
from .preference_update import PreferenceUpdate
from .preference_update_category import PreferenceUpdateCategory
from .preference_update_channels_item import PreferenceUpdateChannelsItem
from .problem import Problem
from .profile_view import ProfileView
from .profile_view_relationship import ProfileViewRelationship
from .refresh_request import RefreshRequest
from .sms_login import SmsLogin
from .token_pair import TokenPair
from .visit_card_view import VisitCardView
from .we_chat_login import WeChatLogin
from .we_chat_login_result import WeChatLoginResult

__all__ = (
    "AddProfile",
    "AddProfileRelationship",
    "BindCard",
    "CardWithQr",
    "FieldError",
    "Health",
    "HealthChecks",
    "HealthQr",
    "HomeScreen",
    "NewElectronicCard",
    "NoticePage",
    "NoticeView",
    "NoticeViewData",
    "OtpRequest",
    "OtpSent",
    "Preference",
    "PreferenceCategory",
    "PreferenceChannelsItem",
    "PreferenceUpdate",
    "PreferenceUpdateCategory",
    "PreferenceUpdateChannelsItem",
    "Problem",
    "ProfileView",
    "ProfileViewRelationship",
    "RefreshRequest",
    "SmsLogin",
    "TokenPair",
    "VisitCardView",
    "WeChatLogin",
    "WeChatLoginResult",
)
