from enum import StrEnum


class ListBillingOrdersKindType3Type1(StrEnum):
    CONSULTATION = "consultation"
    DISCHARGE = "discharge"
    HOME_NURSING = "home_nursing"
    INPATIENT_DEPOSIT = "inpatient_deposit"
    MEDTECH = "medtech"
    OUTPATIENT = "outpatient"
    REGISTRATION = "registration"
    SELF_ORDER = "self_order"

    def __str__(self) -> str:
        return str(self.value)
