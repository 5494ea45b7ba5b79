"""Contains all the data models used in inputs/outputs"""

from .appointment_view import AppointmentView
from .appointment_view_session import AppointmentViewSession
from .appointment_view_status import AppointmentViewStatus
from .band_view import BandView
from .board_line import BoardLine
from .board_view import BoardView
from .book_command import BookCommand
from .book_command_pool_type_1 import BookCommandPoolType1
from .book_command_pool_type_2_type_1 import BookCommandPoolType2Type1
from .book_command_pool_type_3_type_1 import BookCommandPoolType3Type1
from .citizen_cards_screen import CitizenCardsScreen
from .citizen_session import CitizenSession
from .citizen_sms import CitizenSms
from .device_login import DeviceLogin
from .field_error import FieldError
from .health import Health
from .health_checks import HealthChecks
from .id_card_read import IdCardRead
from .kiosk_measurement import KioskMeasurement
from .kiosk_measurement_peripheral import KioskMeasurementPeripheral
from .kiosk_measurement_result import KioskMeasurementResult
from .measurement import Measurement
from .otp_request import OtpRequest
from .otp_sent import OtpSent
from .patient_reading import PatientReading
from .problem import Problem
from .profile_view import ProfileView
from .profile_view_relationship import ProfileViewRelationship
from .queue_status_view import QueueStatusView
from .queue_status_view_status import QueueStatusViewStatus
from .refresh_request import RefreshRequest
from .schedule_view import ScheduleView
from .schedule_view_reg_type import ScheduleViewRegType
from .schedule_view_session import ScheduleViewSession
from .schedule_view_status import ScheduleViewStatus
from .token_pair import TokenPair
from .visit_card_view import VisitCardView

__all__ = (
    "AppointmentView",
    "AppointmentViewSession",
    "AppointmentViewStatus",
    "BandView",
    "BoardLine",
    "BoardView",
    "BookCommand",
    "BookCommandPoolType1",
    "BookCommandPoolType2Type1",
    "BookCommandPoolType3Type1",
    "CitizenCardsScreen",
    "CitizenSession",
    "CitizenSms",
    "DeviceLogin",
    "FieldError",
    "Health",
    "HealthChecks",
    "IdCardRead",
    "KioskMeasurement",
    "KioskMeasurementPeripheral",
    "KioskMeasurementResult",
    "Measurement",
    "OtpRequest",
    "OtpSent",
    "PatientReading",
    "Problem",
    "ProfileView",
    "ProfileViewRelationship",
    "QueueStatusView",
    "QueueStatusViewStatus",
    "RefreshRequest",
    "ScheduleView",
    "ScheduleViewRegType",
    "ScheduleViewSession",
    "ScheduleViewStatus",
    "TokenPair",
    "VisitCardView",
)
