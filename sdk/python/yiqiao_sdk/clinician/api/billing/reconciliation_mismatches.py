import datetime
from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.mismatch_view import MismatchView
from ...models.problem import Problem
from ...models.reconciliation_mismatches_cause_type_1 import (
    ReconciliationMismatchesCauseType1,
)
from ...models.reconciliation_mismatches_cause_type_2_type_1 import (
    ReconciliationMismatchesCauseType2Type1,
)
from ...models.reconciliation_mismatches_cause_type_3_type_1 import (
    ReconciliationMismatchesCauseType3Type1,
)
from ...models.reconciliation_mismatches_provider_type_1 import (
    ReconciliationMismatchesProviderType1,
)
from ...models.reconciliation_mismatches_provider_type_2_type_1 import (
    ReconciliationMismatchesProviderType2Type1,
)
from ...models.reconciliation_mismatches_provider_type_3_type_1 import (
    ReconciliationMismatchesProviderType3Type1,
)
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    day: datetime.date | None | Unset = UNSET,
    provider: None
    | ReconciliationMismatchesProviderType1
    | ReconciliationMismatchesProviderType2Type1
    | ReconciliationMismatchesProviderType3Type1
    | Unset = UNSET,
    cause: None
    | ReconciliationMismatchesCauseType1
    | ReconciliationMismatchesCauseType2Type1
    | ReconciliationMismatchesCauseType3Type1
    | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_day: None | str | Unset
    if isinstance(day, Unset):
        json_day = UNSET
    elif isinstance(day, datetime.date):
        json_day = day.isoformat()
    else:
        json_day = day
    params["day"] = json_day

    json_provider: None | str | Unset
    if isinstance(provider, Unset):
        json_provider = UNSET
    elif (
        isinstance(provider, ReconciliationMismatchesProviderType1)
        or isinstance(provider, ReconciliationMismatchesProviderType2Type1)
        or isinstance(provider, ReconciliationMismatchesProviderType3Type1)
    ):
        json_provider = provider.value
    else:
        json_provider = provider
    params["provider"] = json_provider

    json_cause: None | str | Unset
    if isinstance(cause, Unset):
        json_cause = UNSET
    elif (
        isinstance(cause, ReconciliationMismatchesCauseType1)
        or isinstance(cause, ReconciliationMismatchesCauseType2Type1)
        or isinstance(cause, ReconciliationMismatchesCauseType3Type1)
    ):
        json_cause = cause.value
    else:
        json_cause = cause
    params["cause"] = json_cause

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/billing/reconciliation/mismatches",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | list[MismatchView] | None:
    if response.status_code == 200:
        response_200 = []
        _response_200 = response.json()
        for response_200_item_data in _response_200:
            response_200_item = MismatchView.from_dict(response_200_item_data)

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

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Problem | list[MismatchView]]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    day: datetime.date | None | Unset = UNSET,
    provider: None
    | ReconciliationMismatchesProviderType1
    | ReconciliationMismatchesProviderType2Type1
    | ReconciliationMismatchesProviderType3Type1
    | Unset = UNSET,
    cause: None
    | ReconciliationMismatchesCauseType1
    | ReconciliationMismatchesCauseType2Type1
    | ReconciliationMismatchesCauseType3Type1
    | Unset = UNSET,
) -> Response[Problem | list[MismatchView]]:
    """Mismatches between statements and our ledger, with their cause

    Args:
        day (datetime.date | None | Unset):
        provider (None | ReconciliationMismatchesProviderType1 |
            ReconciliationMismatchesProviderType2Type1 | ReconciliationMismatchesProviderType3Type1 |
            Unset):
        cause (None | ReconciliationMismatchesCauseType1 | ReconciliationMismatchesCauseType2Type1
            | ReconciliationMismatchesCauseType3Type1 | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | list[MismatchView]]
    """

    kwargs = _get_kwargs(
        day=day,
        provider=provider,
        cause=cause,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    day: datetime.date | None | Unset = UNSET,
    provider: None
    | ReconciliationMismatchesProviderType1
    | ReconciliationMismatchesProviderType2Type1
    | ReconciliationMismatchesProviderType3Type1
    | Unset = UNSET,
    cause: None
    | ReconciliationMismatchesCauseType1
    | ReconciliationMismatchesCauseType2Type1
    | ReconciliationMismatchesCauseType3Type1
    | Unset = UNSET,
) -> Problem | list[MismatchView] | None:
    """Mismatches between statements and our ledger, with their cause

    Args:
        day (datetime.date | None | Unset):
        provider (None | ReconciliationMismatchesProviderType1 |
            ReconciliationMismatchesProviderType2Type1 | ReconciliationMismatchesProviderType3Type1 |
            Unset):
        cause (None | ReconciliationMismatchesCauseType1 | ReconciliationMismatchesCauseType2Type1
            | ReconciliationMismatchesCauseType3Type1 | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | list[MismatchView]
    """

    return sync_detailed(
        client=client,
        day=day,
        provider=provider,
        cause=cause,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    day: datetime.date | None | Unset = UNSET,
    provider: None
    | ReconciliationMismatchesProviderType1
    | ReconciliationMismatchesProviderType2Type1
    | ReconciliationMismatchesProviderType3Type1
    | Unset = UNSET,
    cause: None
    | ReconciliationMismatchesCauseType1
    | ReconciliationMismatchesCauseType2Type1
    | ReconciliationMismatchesCauseType3Type1
    | Unset = UNSET,
) -> Response[Problem | list[MismatchView]]:
    """Mismatches between statements and our ledger, with their cause

    Args:
        day (datetime.date | None | Unset):
        provider (None | ReconciliationMismatchesProviderType1 |
            ReconciliationMismatchesProviderType2Type1 | ReconciliationMismatchesProviderType3Type1 |
            Unset):
        cause (None | ReconciliationMismatchesCauseType1 | ReconciliationMismatchesCauseType2Type1
            | ReconciliationMismatchesCauseType3Type1 | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | list[MismatchView]]
    """

    kwargs = _get_kwargs(
        day=day,
        provider=provider,
        cause=cause,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    day: datetime.date | None | Unset = UNSET,
    provider: None
    | ReconciliationMismatchesProviderType1
    | ReconciliationMismatchesProviderType2Type1
    | ReconciliationMismatchesProviderType3Type1
    | Unset = UNSET,
    cause: None
    | ReconciliationMismatchesCauseType1
    | ReconciliationMismatchesCauseType2Type1
    | ReconciliationMismatchesCauseType3Type1
    | Unset = UNSET,
) -> Problem | list[MismatchView] | None:
    """Mismatches between statements and our ledger, with their cause

    Args:
        day (datetime.date | None | Unset):
        provider (None | ReconciliationMismatchesProviderType1 |
            ReconciliationMismatchesProviderType2Type1 | ReconciliationMismatchesProviderType3Type1 |
            Unset):
        cause (None | ReconciliationMismatchesCauseType1 | ReconciliationMismatchesCauseType2Type1
            | ReconciliationMismatchesCauseType3Type1 | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | list[MismatchView]
    """

    return (
        await asyncio_detailed(
            client=client,
            day=day,
            provider=provider,
            cause=cause,
        )
    ).parsed
