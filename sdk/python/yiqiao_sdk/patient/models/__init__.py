"""Contains all the data models used in inputs/outputs"""

from .add_profile import AddProfile
from .add_profile_relationship import AddProfileRelationship
from .admission_view import AdmissionView
from .admission_view_status import AdmissionViewStatus
from .appointment_view import AppointmentView
from .appointment_view_session import AppointmentViewSession
from .appointment_view_status import AppointmentViewStatus
from .band_view import BandView
from .bill_item_view import BillItemView
from .bill_view import BillView
from .bill_view_status import BillViewStatus
from .bind_card import BindCard
from .book_command import BookCommand
from .book_command_pool_type_1 import BookCommandPoolType1
from .book_command_pool_type_2_type_1 import BookCommandPoolType2Type1
from .book_command_pool_type_3_type_1 import BookCommandPoolType3Type1
from .book_exams import BookExams
from .book_series import BookSeries
from .cancel_command import CancelCommand
from .cancel_exam import CancelExam
from .cancel_series import CancelSeries
from .card_with_qr import CardWithQr
from .category_fees import CategoryFees
from .category_total import CategoryTotal
from .charge_line_view import ChargeLineView
from .daily_list import DailyList
from .day_charges import DayCharges
from .department_day import DepartmentDay
from .department_node import DepartmentNode
from .deposit_in import DepositIn
from .deposit_view import DepositView
from .deposit_view_payer_kind import DepositViewPayerKind
from .doctor_availability import DoctorAvailability
from .doctor_view import DoctorView
from .exam_band_view import ExamBandView
from .exam_booking_result import ExamBookingResult
from .exam_booking_view import ExamBookingView
from .exam_booking_view_status import ExamBookingViewStatus
from .exam_check_in import ExamCheckIn
from .exam_item_view import ExamItemView
from .exam_item_view_kind import ExamItemViewKind
from .exam_order_view import ExamOrderView
from .exam_order_view_status import ExamOrderViewStatus
from .exam_pick import ExamPick
from .field_error import FieldError
from .health import Health
from .health_checks import HealthChecks
from .health_qr import HealthQr
from .home_screen import HomeScreen
from .institution_node import InstitutionNode
from .insurance_line_view import InsuranceLineView
from .insurance_pay import InsurancePay
from .insurance_pay_channel import InsurancePayChannel
from .insurance_pay_provider import InsurancePayProvider
from .insurance_pay_start import InsurancePayStart
from .insurance_pre_settle import InsurancePreSettle
from .insurance_split_view import InsuranceSplitView
from .insurance_split_view_status import InsuranceSplitViewStatus
from .invoice_view import InvoiceView
from .invoice_view_colour import InvoiceViewColour
from .invoice_view_medical_kind import InvoiceViewMedicalKind
from .invoice_view_status import InvoiceViewStatus
from .join_waitlist import JoinWaitlist
from .list_billing_orders_kind_type_1 import ListBillingOrdersKindType1
from .list_billing_orders_kind_type_2_type_1 import ListBillingOrdersKindType2Type1
from .list_billing_orders_kind_type_3_type_1 import ListBillingOrdersKindType3Type1
from .list_billing_orders_status_type_1 import ListBillingOrdersStatusType1
from .list_billing_orders_status_type_2_type_1 import ListBillingOrdersStatusType2Type1
from .list_billing_orders_status_type_3_type_1 import ListBillingOrdersStatusType3Type1
from .my_exams_screen import MyExamsScreen
from .new_electronic_card import NewElectronicCard
from .notice_page import NoticePage
from .notice_view import NoticeView
from .notice_view_data import NoticeViewData
from .online_check_in import OnlineCheckIn
from .order_item_view import OrderItemView
from .order_view import OrderView
from .order_view_status import OrderViewStatus
from .otp_request import OtpRequest
from .otp_sent import OtpSent
from .patient_reading import PatientReading
from .patient_readings import PatientReadings
from .pay_bills import PayBills
from .pay_command import PayCommand
from .pay_command_channel import PayCommandChannel
from .pay_command_provider import PayCommandProvider
from .payment_payload import PaymentPayload
from .payment_payload_channel import PaymentPayloadChannel
from .payment_payload_params import PaymentPayloadParams
from .payment_payload_provider import PaymentPayloadProvider
from .payment_start import PaymentStart
from .payment_view import PaymentView
from .payment_view_status import PaymentViewStatus
from .pending_bills import PendingBills
from .position import Position
from .pre_settlement_view import PreSettlementView
from .preference import Preference
from .preference_category import PreferenceCategory
from .preference_channels_item import PreferenceChannelsItem
from .preference_update import PreferenceUpdate
from .preference_update_category import PreferenceUpdateCategory
from .preference_update_channels_item import PreferenceUpdateChannelsItem
from .problem import Problem
from .profile_view import ProfileView
from .profile_view_relationship import ProfileViewRelationship
from .proxy_deposit_in import ProxyDepositIn
from .proxy_deposit_view import ProxyDepositView
from .proxy_lookup import ProxyLookup
from .proxy_match import ProxyMatch
from .queue_status_view import QueueStatusView
from .queue_status_view_status import QueueStatusViewStatus
from .recheck_book_command import RecheckBookCommand
from .refresh_request import RefreshRequest
from .refund_command import RefundCommand
from .refund_line import RefundLine
from .refund_view import RefundView
from .refund_view_items_item import RefundViewItemsItem
from .refund_view_status import RefundViewStatus
from .release_subscription_view import ReleaseSubscriptionView
from .release_subscription_view_status import ReleaseSubscriptionViewStatus
from .reschedule_exam import RescheduleExam
from .revisit_view import RevisitView
from .schedule_view import ScheduleView
from .schedule_view_reg_type import ScheduleViewRegType
from .schedule_view_session import ScheduleViewSession
from .schedule_view_status import ScheduleViewStatus
from .series_view import SeriesView
from .series_view_status import SeriesViewStatus
from .settlement_view import SettlementView
from .sms_login import SmsLogin
from .subscribe_release import SubscribeRelease
from .suggest_command import SuggestCommand
from .suggested_exam import SuggestedExam
from .suggestion_view import SuggestionView
from .token_pair import TokenPair
from .trend_point import TrendPoint
from .unplaced_exam import UnplacedExam
from .verify_result import VerifyResult
from .verify_result_colour import VerifyResultColour
from .verify_result_medical_kind import VerifyResultMedicalKind
from .verify_result_result import VerifyResultResult
from .visit_card_view import VisitCardView
from .visit_fees import VisitFees
from .waitlist_view import WaitlistView
from .waitlist_view_status import WaitlistViewStatus
from .we_chat_login import WeChatLogin
from .we_chat_login_result import WeChatLoginResult

__all__ = (
    "AddProfile",
    "AddProfileRelationship",
    "AdmissionView",
    "AdmissionViewStatus",
    "AppointmentView",
    "AppointmentViewSession",
    "AppointmentViewStatus",
    "BandView",
    "BillItemView",
    "BillView",
    "BillViewStatus",
    "BindCard",
    "BookCommand",
    "BookCommandPoolType1",
    "BookCommandPoolType2Type1",
    "BookCommandPoolType3Type1",
    "BookExams",
    "BookSeries",
    "CancelCommand",
    "CancelExam",
    "CancelSeries",
    "CardWithQr",
    "CategoryFees",
    "CategoryTotal",
    "ChargeLineView",
    "DailyList",
    "DayCharges",
    "DepartmentDay",
    "DepartmentNode",
    "DepositIn",
    "DepositView",
    "DepositViewPayerKind",
    "DoctorAvailability",
    "DoctorView",
    "ExamBandView",
    "ExamBookingResult",
    "ExamBookingView",
    "ExamBookingViewStatus",
    "ExamCheckIn",
    "ExamItemView",
    "ExamItemViewKind",
    "ExamOrderView",
    "ExamOrderViewStatus",
    "ExamPick",
    "FieldError",
    "Health",
    "HealthChecks",
    "HealthQr",
    "HomeScreen",
    "InstitutionNode",
    "InsuranceLineView",
    "InsurancePay",
    "InsurancePayChannel",
    "InsurancePayProvider",
    "InsurancePayStart",
    "InsurancePreSettle",
    "InsuranceSplitView",
    "InsuranceSplitViewStatus",
    "InvoiceView",
    "InvoiceViewColour",
    "InvoiceViewMedicalKind",
    "InvoiceViewStatus",
    "JoinWaitlist",
    "ListBillingOrdersKindType1",
    "ListBillingOrdersKindType2Type1",
    "ListBillingOrdersKindType3Type1",
    "ListBillingOrdersStatusType1",
    "ListBillingOrdersStatusType2Type1",
    "ListBillingOrdersStatusType3Type1",
    "MyExamsScreen",
    "NewElectronicCard",
    "NoticePage",
    "NoticeView",
    "NoticeViewData",
    "OnlineCheckIn",
    "OrderItemView",
    "OrderView",
    "OrderViewStatus",
    "OtpRequest",
    "OtpSent",
    "PatientReading",
    "PatientReadings",
    "PayBills",
    "PayCommand",
    "PayCommandChannel",
    "PayCommandProvider",
    "PaymentPayload",
    "PaymentPayloadChannel",
    "PaymentPayloadParams",
    "PaymentPayloadProvider",
    "PaymentStart",
    "PaymentView",
    "PaymentViewStatus",
    "PendingBills",
    "Position",
    "PreSettlementView",
    "Preference",
    "PreferenceCategory",
    "PreferenceChannelsItem",
    "PreferenceUpdate",
    "PreferenceUpdateCategory",
    "PreferenceUpdateChannelsItem",
    "Problem",
    "ProfileView",
    "ProfileViewRelationship",
    "ProxyDepositIn",
    "ProxyDepositView",
    "ProxyLookup",
    "ProxyMatch",
    "QueueStatusView",
    "QueueStatusViewStatus",
    "RecheckBookCommand",
    "RefreshRequest",
    "RefundCommand",
    "RefundLine",
    "RefundView",
    "RefundViewItemsItem",
    "RefundViewStatus",
    "ReleaseSubscriptionView",
    "ReleaseSubscriptionViewStatus",
    "RescheduleExam",
    "RevisitView",
    "ScheduleView",
    "ScheduleViewRegType",
    "ScheduleViewSession",
    "ScheduleViewStatus",
    "SeriesView",
    "SeriesViewStatus",
    "SettlementView",
    "SmsLogin",
    "SubscribeRelease",
    "SuggestCommand",
    "SuggestedExam",
    "SuggestionView",
    "TokenPair",
    "TrendPoint",
    "UnplacedExam",
    "VerifyResult",
    "VerifyResultColour",
    "VerifyResultMedicalKind",
    "VerifyResultResult",
    "VisitCardView",
    "VisitFees",
    "WaitlistView",
    "WaitlistViewStatus",
    "WeChatLogin",
    "WeChatLoginResult",
)
