import datetime
from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.recon_run_view import ReconRunView
from ...models.reconciliation_runs_provider_type_1 import (
    ReconciliationRunsProviderType1,
)
from ...models.reconciliation_runs_provider_type_2_type_1 import (
    ReconciliationRunsProviderType2Type1,
)
from ...models.reconciliation_runs_provider_type_3_type_1 import (
    ReconciliationRunsProviderType3Type1,
)
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    day: datetime.date | None | Unset = UNSET,
    provider: None
    | ReconciliationRunsProviderType1
    | ReconciliationRunsProviderType2Type1
    | ReconciliationRunsProviderType3Type1
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
        isinstance(provider, ReconciliationRunsProviderType1)
        or isinstance(provider, ReconciliationRunsProviderType2Type1)
        or isinstance(provider, ReconciliationRunsProviderType3Type1)
    ):
        json_provider = provider.value
    else:
        json_provider = provider
    params["provider"] = json_provider

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/billing/reconciliation/runs",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | list[ReconRunView] | None:
    if response.status_code == 200:
        response_200 = []
        _response_200 = response.json()
        for response_200_item_data in _response_200:
            response_200_item = ReconRunView.from_dict(response_200_item_data)

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
) -> Response[Problem | list[ReconRunView]]:
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
    | ReconciliationRunsProviderType1
    | ReconciliationRunsProviderType2Type1
    | ReconciliationRunsProviderType3Type1
    | Unset = UNSET,
) -> Response[Problem | list[ReconRunView]]:
    """Reconciliation runs (one per provider and statement day), newest day first

    Args:
        day (datetime.date | None | Unset):
        provider (None | ReconciliationRunsProviderType1 | ReconciliationRunsProviderType2Type1 |
            ReconciliationRunsProviderType3Type1 | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | list[ReconRunView]]
    """

    kwargs = _get_kwargs(
        day=day,
        provider=provider,
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
    | ReconciliationRunsProviderType1
    | ReconciliationRunsProviderType2Type1
    | ReconciliationRunsProviderType3Type1
    | Unset = UNSET,
) -> Problem | list[ReconRunView] | None:
    """Reconciliation runs (one per provider and statement day), newest day first

    Args:
        day (datetime.date | None | Unset):
        provider (None | ReconciliationRunsProviderType1 | ReconciliationRunsProviderType2Type1 |
            ReconciliationRunsProviderType3Type1 | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | list[ReconRunView]
    """

    return sync_detailed(
        client=client,
        day=day,
        provider=provider,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    day: datetime.date | None | Unset = UNSET,
    provider: None
    | ReconciliationRunsProviderType1
    | ReconciliationRunsProviderType2Type1
    | ReconciliationRunsProviderType3Type1
    | Unset = UNSET,
) -> Response[Problem | list[ReconRunView]]:
    """Reconciliation runs (one per provider and statement day), newest day first

    Args:
        day (datetime.date | None | Unset):
        provider (None | ReconciliationRunsProviderType1 | ReconciliationRunsProviderType2Type1 |
            ReconciliationRunsProviderType3Type1 | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | list[ReconRunView]]
    """

    kwargs = _get_kwargs(
        day=day,
        provider=provider,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    day: datetime.date | None | Unset = UNSET,
    provider: None
    | ReconciliationRunsProviderType1
    | ReconciliationRunsProviderType2Type1
    | ReconciliationRunsProviderType3Type1
    | Unset = UNSET,
) -> Problem | list[ReconRunView] | None:
    """Reconciliation runs (one per provider and statement day), newest day first

    Args:
        day (datetime.date | None | Unset):
        provider (None | ReconciliationRunsProviderType1 | ReconciliationRunsProviderType2Type1 |
            ReconciliationRunsProviderType3Type1 | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | list[ReconRunView]
    """

    return (
        await asyncio_detailed(
            client=client,
            day=day,
            provider=provider,
        )
    ).parsed
