"""Contains all the data models used in inputs/outputs"""

from .add_profile import AddProfile
from .add_profile_relationship import AddProfileRelationship
from .appointment_view import AppointmentView
from .appointment_view_session import AppointmentViewSession
from .appointment_view_status import AppointmentViewStatus
from .band_view import BandView
from .bind_card import BindCard
from .book_command import BookCommand
from .book_command_pool_type_1 import BookCommandPoolType1
from .book_command_pool_type_2_type_1 import BookCommandPoolType2Type1
from .book_command_pool_type_3_type_1 import BookCommandPoolType3Type1
from .cancel_command import CancelCommand
from .card_with_qr import CardWithQr
from .department_day import DepartmentDay
from .department_node import DepartmentNode
from .doctor_availability import DoctorAvailability
from .doctor_view import DoctorView
from .field_error import FieldError
from .health import Health
from .health_checks import HealthChecks
from .health_qr import HealthQr
from .home_screen import HomeScreen
from .institution_node import InstitutionNode
from .join_waitlist import JoinWaitlist
from .new_electronic_card import NewElectronicCard
from .notice_page import NoticePage
from .notice_view import NoticeView
from .notice_view_data import NoticeViewData
from .online_check_in import OnlineCheckIn
from .otp_request import OtpRequest
from .otp_sent import OtpSent
from .patient_reading import PatientReading
from .patient_readings import PatientReadings
from .position import Position
from .preference import Preference
from .preference_category import PreferenceCategory
from .preference_channels_item import PreferenceChannelsItem
from .preference_update import PreferenceUpdate
from .preference_update_category import PreferenceUpdateCategory
from .preference_update_channels_item import PreferenceUpdateChannelsItem
from .problem import Problem
from .profile_view import ProfileView
from .profile_view_relationship import ProfileViewRelationship
from .queue_status_view import QueueStatusView
from .queue_status_view_status import QueueStatusViewStatus
from .recheck_book_command import RecheckBookCommand
from .refresh_request import RefreshRequest
from .release_subscription_view import ReleaseSubscriptionView
from .release_subscription_view_status import ReleaseSubscriptionViewStatus
from .revisit_view import RevisitView
from .schedule_view import ScheduleView
from .schedule_view_reg_type import ScheduleViewRegType
from .schedule_view_session import ScheduleViewSession
from .schedule_view_status import ScheduleViewStatus
from .sms_login import SmsLogin
from .subscribe_release import SubscribeRelease
from .token_pair import TokenPair
from .trend_point import TrendPoint
from .visit_card_view import VisitCardView
from .waitlist_view import WaitlistView
from .waitlist_view_status import WaitlistViewStatus
from .we_chat_login import WeChatLogin
from .we_chat_login_result import WeChatLoginResult

__all__ = (
    "AddProfile",
    "AddProfileRelationship",
    "AppointmentView",
    "AppointmentViewSession",
    "AppointmentViewStatus",
    "BandView",
    "BindCard",
    "BookCommand",
    "BookCommandPoolType1",
    "BookCommandPoolType2Type1",
    "BookCommandPoolType3Type1",
    "CancelCommand",
    "CardWithQr",
    "DepartmentDay",
    "DepartmentNode",
    "DoctorAvailability",
    "DoctorView",
    "FieldError",
    "Health",
    "HealthChecks",
    "HealthQr",
    "HomeScreen",
    "InstitutionNode",
    "JoinWaitlist",
    "NewElectronicCard",
    "NoticePage",
    "NoticeView",
    "NoticeViewData",
    "OnlineCheckIn",
    "OtpRequest",
    "OtpSent",
    "PatientReading",
    "PatientReadings",
    "Position",
    "Preference",
    "PreferenceCategory",
    "PreferenceChannelsItem",
    "PreferenceUpdate",
    "PreferenceUpdateCategory",
    "PreferenceUpdateChannelsItem",
    "Problem",
    "ProfileView",
    "ProfileViewRelationship",
    "QueueStatusView",
    "QueueStatusViewStatus",
    "RecheckBookCommand",
    "RefreshRequest",
    "ReleaseSubscriptionView",
    "ReleaseSubscriptionViewStatus",
    "RevisitView",
    "ScheduleView",
    "ScheduleViewRegType",
    "ScheduleViewSession",
    "ScheduleViewStatus",
    "SmsLogin",
    "SubscribeRelease",
    "TokenPair",
    "TrendPoint",
    "VisitCardView",
    "WaitlistView",
    "WaitlistViewStatus",
    "WeChatLogin",
    "WeChatLoginResult",
)
