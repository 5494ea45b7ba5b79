"""Contains all the data models used in inputs/outputs"""

from .admission_view import AdmissionView
from .admission_view_status import AdmissionViewStatus
from .appointment_view import AppointmentView
from .appointment_view_session import AppointmentViewSession
from .appointment_view_status import AppointmentViewStatus
from .band_view import BandView
from .bill_item_view import BillItemView
from .bill_view import BillView
from .bill_view_status import BillViewStatus
from .board_line import BoardLine
from .board_view import BoardView
from .book_command import BookCommand
from .book_command_pool_type_1 import BookCommandPoolType1
from .book_command_pool_type_2_type_1 import BookCommandPoolType2Type1
from .book_command_pool_type_3_type_1 import BookCommandPoolType3Type1
from .citizen_cards_screen import CitizenCardsScreen
from .citizen_session import CitizenSession
from .citizen_sms import CitizenSms
from .deposit_view import DepositView
from .deposit_view_payer_kind import DepositViewPayerKind
from .device_login import DeviceLogin
from .exam_booking_view import ExamBookingView
from .exam_booking_view_status import ExamBookingViewStatus
from .field_error import FieldError
from .health import Health
from .health_checks import HealthChecks
from .id_card_read import IdCardRead
from .kiosk_deposit import KioskDeposit
from .kiosk_measurement import KioskMeasurement
from .kiosk_measurement_peripheral import KioskMeasurementPeripheral
from .kiosk_measurement_result import KioskMeasurementResult
from .kiosk_pay import KioskPay
from .kiosk_pay_provider import KioskPayProvider
from .kiosk_payment import KioskPayment
from .kiosk_top_up import KioskTopUp
from .kiosk_top_up_provider import KioskTopUpProvider
from .measurement import Measurement
from .order_item_view import OrderItemView
from .order_view import OrderView
from .order_view_status import OrderViewStatus
from .otp_request import OtpRequest
from .otp_sent import OtpSent
from .patient_reading import PatientReading
from .payment_view import PaymentView
from .payment_view_status import PaymentViewStatus
from .pending_bills import PendingBills
from .pre_settlement_view import PreSettlementView
from .problem import Problem
from .profile_view import ProfileView
from .profile_view_relationship import ProfileViewRelationship
from .queue_status_view import QueueStatusView
from .queue_status_view_status import QueueStatusViewStatus
from .refresh_request import RefreshRequest
from .refund_view import RefundView
from .refund_view_items_item import RefundViewItemsItem
from .refund_view_status import RefundViewStatus
from .schedule_view import ScheduleView
from .schedule_view_reg_type import ScheduleViewRegType
from .schedule_view_session import ScheduleViewSession
from .schedule_view_status import ScheduleViewStatus
from .token_pair import TokenPair
from .visit_card_view import VisitCardView

__all__ = (
    "AdmissionView",
    "AdmissionViewStatus",
    "AppointmentView",
    "AppointmentViewSession",
    "AppointmentViewStatus",
    "BandView",
    "BillItemView",
    "BillView",
    "BillViewStatus",
    "BoardLine",
    "BoardView",
    "BookCommand",
    "BookCommandPoolType1",
    "BookCommandPoolType2Type1",
    "BookCommandPoolType3Type1",
    "CitizenCardsScreen",
    "CitizenSession",
    "CitizenSms",
    "DepositView",
    "DepositViewPayerKind",
    "DeviceLogin",
    "ExamBookingView",
    "ExamBookingViewStatus",
    "FieldError",
    "Health",
    "HealthChecks",
    "IdCardRead",
    "KioskDeposit",
    "KioskMeasurement",
    "KioskMeasurementPeripheral",
    "KioskMeasurementResult",
    "KioskPay",
    "KioskPayProvider",
    "KioskPayment",
    "KioskTopUp",
    "KioskTopUpProvider",
    "Measurement",
    "OrderItemView",
    "OrderView",
    "OrderViewStatus",
    "OtpRequest",
    "OtpSent",
    "PatientReading",
    "PaymentView",
    "PaymentViewStatus",
    "PendingBills",
    "PreSettlementView",
    "Problem",
    "ProfileView",
    "ProfileViewRelationship",
    "QueueStatusView",
    "QueueStatusViewStatus",
    "RefreshRequest",
    "RefundView",
    "RefundViewItemsItem",
    "RefundViewStatus",
    "ScheduleView",
    "ScheduleViewRegType",
    "ScheduleViewSession",
    "ScheduleViewStatus",
    "TokenPair",
    "VisitCardView",
)
