from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.paid_answer import PaidAnswer
from ...models.patient_orders_paid_kind_type_1 import PatientOrdersPaidKindType1
from ...models.patient_orders_paid_kind_type_2_type_1 import (
    PatientOrdersPaidKindType2Type1,
)
from ...models.patient_orders_paid_kind_type_3_type_1 import (
    PatientOrdersPaidKindType3Type1,
)
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    patient_id: UUID,
    *,
    kind: None
    | PatientOrdersPaidKindType1
    | PatientOrdersPaidKindType2Type1
    | PatientOrdersPaidKindType3Type1
    | Unset = UNSET,
    subject_id: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_kind: None | str | Unset
    if isinstance(kind, Unset):
        json_kind = UNSET
    elif (
        isinstance(kind, PatientOrdersPaidKindType1)
        or isinstance(kind, PatientOrdersPaidKindType2Type1)
        or isinstance(kind, PatientOrdersPaidKindType3Type1)
    ):
        json_kind = kind.value
    else:
        json_kind = kind
    params["kind"] = json_kind

    json_subject_id: None | str | Unset
    if isinstance(subject_id, Unset):
        json_subject_id = UNSET
    else:
        json_subject_id = subject_id
    params["subject_id"] = json_subject_id

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/patients/{patient_id}/orders/paid".format(
            patient_id=quote(str(patient_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | list[PaidAnswer] | None:
    if response.status_code == 200:
        response_200 = []
        _response_200 = response.json()
        for response_200_item_data in _response_200:
            response_200_item = PaidAnswer.from_dict(response_200_item_data)

            response_200.append(response_200_item)

        return response_200

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = Problem.from_dict(response.json())

        return response_404

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Problem | list[PaidAnswer]]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    patient_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    kind: None
    | PatientOrdersPaidKindType1
    | PatientOrdersPaidKindType2Type1
    | PatientOrdersPaidKindType3Type1
    | Unset = UNSET,
    subject_id: None | str | Unset = UNSET,
) -> Response[Problem | list[PaidAnswer]]:
    """Whether each of a patient's orders at your institution is paid (optionally one kind or subject)

    Args:
        patient_id (UUID):
        kind (None | PatientOrdersPaidKindType1 | PatientOrdersPaidKindType2Type1 |
            PatientOrdersPaidKindType3Type1 | Unset):
        subject_id (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | list[PaidAnswer]]
    """

    kwargs = _get_kwargs(
        patient_id=patient_id,
        kind=kind,
        subject_id=subject_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    patient_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    kind: None
    | PatientOrdersPaidKindType1
    | PatientOrdersPaidKindType2Type1
    | PatientOrdersPaidKindType3Type1
    | Unset = UNSET,
    subject_id: None | str | Unset = UNSET,
) -> Problem | list[PaidAnswer] | None:
    """Whether each of a patient's orders at your institution is paid (optionally one kind or subject)

    Args:
        patient_id (UUID):
        kind (None | PatientOrdersPaidKindType1 | PatientOrdersPaidKindType2Type1 |
            PatientOrdersPaidKindType3Type1 | Unset):
        subject_id (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | list[PaidAnswer]
    """

    return sync_detailed(
        patient_id=patient_id,
        client=client,
        kind=kind,
        subject_id=subject_id,
    ).parsed


async def asyncio_detailed(
    patient_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    kind: None
    | PatientOrdersPaidKindType1
    | PatientOrdersPaidKindType2Type1
    | PatientOrdersPaidKindType3Type1
    | Unset = UNSET,
    subject_id: None | str | Unset = UNSET,
) -> Response[Problem | list[PaidAnswer]]:
    """Whether each of a patient's orders at your institution is paid (optionally one kind or subject)

    Args:
        patient_id (UUID):
        kind (None | PatientOrdersPaidKindType1 | PatientOrdersPaidKindType2Type1 |
            PatientOrdersPaidKindType3Type1 | Unset):
        subject_id (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | list[PaidAnswer]]
    """

    kwargs = _get_kwargs(
        patient_id=patient_id,
        kind=kind,
        subject_id=subject_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    patient_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    kind: None
    | PatientOrdersPaidKindType1
    | PatientOrdersPaidKindType2Type1
    | PatientOrdersPaidKindType3Type1
    | Unset = UNSET,
    subject_id: None | str | Unset = UNSET,
) -> Problem | list[PaidAnswer] | None:
    """Whether each of a patient's orders at your institution is paid (optionally one kind or subject)

    Args:
        patient_id (UUID):
        kind (None | PatientOrdersPaidKindType1 | PatientOrdersPaidKindType2Type1 |
            PatientOrdersPaidKindType3Type1 | Unset):
        subject_id (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | list[PaidAnswer]
    """

    return (
        await asyncio_detailed(
            patient_id=patient_id,
            client=client,
            kind=kind,
            subject_id=subject_id,
        )
    ).parsed
