"""Contains all the data models used in inputs/outputs"""

from .alarm_view import AlarmView
from .alarm_view_category import AlarmViewCategory
from .alarm_view_severity import AlarmViewSeverity
from .alarm_view_state import AlarmViewState
from .appointment_view import AppointmentView
from .appointment_view_session import AppointmentViewSession
from .appointment_view_status import AppointmentViewStatus
from .band_view import BandView
from .bind_bed import BindBed
from .bind_patient import BindPatient
from .bind_vehicle import BindVehicle
from .binding_history_kind_type_1 import BindingHistoryKindType1
from .binding_history_kind_type_2_type_1 import BindingHistoryKindType2Type1
from .binding_history_kind_type_3_type_1 import BindingHistoryKindType3Type1
from .binding_view import BindingView
from .binding_view_kind import BindingViewKind
from .command_view import CommandView
from .command_view_args import CommandViewArgs
from .command_view_name import CommandViewName
from .command_view_result_type_0 import CommandViewResultType0
from .command_view_status import CommandViewStatus
from .day_band import DayBand
from .day_band_status import DayBandStatus
from .day_entry import DayEntry
from .day_entry_status import DayEntryStatus
from .department_view import DepartmentView
from .device_status_view import DeviceStatusView
from .device_status_view_state import DeviceStatusViewState
from .ecg_block_view import EcgBlockView
from .ecg_strip import EcgStrip
from .exam_booking_view import ExamBookingView
from .exam_booking_view_status import ExamBookingViewStatus
from .exam_item_view import ExamItemView
from .exam_item_view_kind import ExamItemViewKind
from .exam_order_view import ExamOrderView
from .exam_order_view_status import ExamOrderViewStatus
from .field_error import FieldError
from .health import Health
from .health_checks import HealthChecks
from .inbound_ambulance import InboundAmbulance
from .infusion_view import InfusionView
from .institution_view import InstitutionView
from .issue_command import IssueCommand
from .issue_command_args import IssueCommandArgs
from .issue_command_name import IssueCommandName
from .latest_reading import LatestReading
from .me_screen import MeScreen
from .mismatch_view import MismatchView
from .mismatch_view_cause import MismatchViewCause
from .mismatch_view_kind import MismatchViewKind
from .new_task import NewTask
from .new_vehicle import NewVehicle
from .outage_command import OutageCommand
from .outage_ended import OutageEnded
from .outage_result import OutageResult
from .paid_answer import PaidAnswer
from .paid_answer_status import PaidAnswerStatus
from .patient_orders_paid_kind_type_1 import PatientOrdersPaidKindType1
from .patient_orders_paid_kind_type_2_type_1 import PatientOrdersPaidKindType2Type1
from .patient_orders_paid_kind_type_3_type_1 import PatientOrdersPaidKindType3Type1
from .patient_reading import PatientReading
from .patient_rules import PatientRules
from .patient_rules_view import PatientRulesView
from .patient_vitals import PatientVitals
from .place_order import PlaceOrder
from .position import Position
from .problem import Problem
from .queue_entry_view import QueueEntryView
from .queue_entry_view_status import QueueEntryViewStatus
from .queue_status_view import QueueStatusView
from .queue_status_view_status import QueueStatusViewStatus
from .queue_view import QueueView
from .read_device_response_200 import ReadDeviceResponse200
from .recon_run_view import ReconRunView
from .recon_run_view_status import ReconRunViewStatus
from .reconciliation_mismatches_cause_type_1 import ReconciliationMismatchesCauseType1
from .reconciliation_mismatches_cause_type_2_type_1 import (
    ReconciliationMismatchesCauseType2Type1,
)
from .reconciliation_mismatches_cause_type_3_type_1 import (
    ReconciliationMismatchesCauseType3Type1,
)
from .reconciliation_mismatches_provider_type_1 import (
    ReconciliationMismatchesProviderType1,
)
from .reconciliation_mismatches_provider_type_2_type_1 import (
    ReconciliationMismatchesProviderType2Type1,
)
from .reconciliation_mismatches_provider_type_3_type_1 import (
    ReconciliationMismatchesProviderType3Type1,
)
from .reconciliation_rerun_provider import ReconciliationRerunProvider
from .reconciliation_runs_provider_type_1 import ReconciliationRunsProviderType1
from .reconciliation_runs_provider_type_2_type_1 import (
    ReconciliationRunsProviderType2Type1,
)
from .reconciliation_runs_provider_type_3_type_1 import (
    ReconciliationRunsProviderType3Type1,
)
from .referral_book_command import ReferralBookCommand
from .refresh_request import RefreshRequest
from .resolve_alarm import ResolveAlarm
from .resource_day_view import ResourceDayView
from .resource_view import ResourceView
from .room_command import RoomCommand
from .rule import Rule
from .rule_category import RuleCategory
from .rule_in import RuleIn
from .rule_in_event_type_1 import RuleInEventType1
from .rule_in_event_type_2_type_1 import RuleInEventType2Type1
from .rule_in_event_type_3_type_1 import RuleInEventType3Type1
from .rule_in_kind import RuleInKind
from .rule_in_severity import RuleInSeverity
from .rule_kind import RuleKind
from .rule_severity import RuleSeverity
from .schedule_view import ScheduleView
from .schedule_view_reg_type import ScheduleViewRegType
from .schedule_view_session import ScheduleViewSession
from .schedule_view_status import ScheduleViewStatus
from .search_observations_response_200 import SearchObservationsResponse200
from .staff_login import StaffLogin
from .staff_view import StaffView
from .start_infusion import StartInfusion
from .stop_command import StopCommand
from .stop_result import StopResult
from .task_transition import TaskTransition
from .task_transition_to import TaskTransitionTo
from .task_view import TaskView
from .task_view_status import TaskViewStatus
from .token_pair import TokenPair
from .trend_point import TrendPoint
from .unbind_device_kind import UnbindDeviceKind
from .vehicle_view import VehicleView

__all__ = (
    "AlarmView",
    "AlarmViewCategory",
    "AlarmViewSeverity",
    "AlarmViewState",
    "AppointmentView",
    "AppointmentViewSession",
    "AppointmentViewStatus",
    "BandView",
    "BindBed",
    "BindPatient",
    "BindVehicle",
    "BindingHistoryKindType1",
    "BindingHistoryKindType2Type1",
    "BindingHistoryKindType3Type1",
    "BindingView",
    "BindingViewKind",
    "CommandView",
    "CommandViewArgs",
    "CommandViewName",
    "CommandViewResultType0",
    "CommandViewStatus",
    "DayBand",
    "DayBandStatus",
    "DayEntry",
    "DayEntryStatus",
    "DepartmentView",
    "DeviceStatusView",
    "DeviceStatusViewState",
    "EcgBlockView",
    "EcgStrip",
    "ExamBookingView",
    "ExamBookingViewStatus",
    "ExamItemView",
    "ExamItemViewKind",
    "ExamOrderView",
    "ExamOrderViewStatus",
    "FieldError",
    "Health",
    "HealthChecks",
    "InboundAmbulance",
    "InfusionView",
    "InstitutionView",
    "IssueCommand",
    "IssueCommandArgs",
    "IssueCommandName",
    "LatestReading",
    "MeScreen",
    "MismatchView",
    "MismatchViewCause",
    "MismatchViewKind",
    "NewTask",
    "NewVehicle",
    "OutageCommand",
    "OutageEnded",
    "OutageResult",
    "PaidAnswer",
    "PaidAnswerStatus",
    "PatientOrdersPaidKindType1",
    "PatientOrdersPaidKindType2Type1",
    "PatientOrdersPaidKindType3Type1",
    "PatientReading",
    "PatientRules",
    "PatientRulesView",
    "PatientVitals",
    "PlaceOrder",
    "Position",
    "Problem",
    "QueueEntryView",
    "QueueEntryViewStatus",
    "QueueStatusView",
    "QueueStatusViewStatus",
    "QueueView",
    "ReadDeviceResponse200",
    "ReconRunView",
    "ReconRunViewStatus",
    "ReconciliationMismatchesCauseType1",
    "ReconciliationMismatchesCauseType2Type1",
    "ReconciliationMismatchesCauseType3Type1",
    "ReconciliationMismatchesProviderType1",
    "ReconciliationMismatchesProviderType2Type1",
    "ReconciliationMismatchesProviderType3Type1",
    "ReconciliationRerunProvider",
    "ReconciliationRunsProviderType1",
    "ReconciliationRunsProviderType2Type1",
    "ReconciliationRunsProviderType3Type1",
    "ReferralBookCommand",
    "RefreshRequest",
    "ResolveAlarm",
    "ResourceDayView",
    "ResourceView",
    "RoomCommand",
    "Rule",
    "RuleCategory",
    "RuleIn",
    "RuleInEventType1",
    "RuleInEventType2Type1",
    "RuleInEventType3Type1",
    "RuleInKind",
    "RuleInSeverity",
    "RuleKind",
    "RuleSeverity",
    "ScheduleView",
    "ScheduleViewRegType",
    "ScheduleViewSession",
    "ScheduleViewStatus",
    "SearchObservationsResponse200",
    "StaffLogin",
    "StaffView",
    "StartInfusion",
    "StopCommand",
    "StopResult",
    "TaskTransition",
    "TaskTransitionTo",
    "TaskView",
    "TaskViewStatus",
    "TokenPair",
    "TrendPoint",
    "UnbindDeviceKind",
    "VehicleView",
)
