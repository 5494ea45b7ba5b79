import datetime
from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.recon_run_view import ReconRunView
from ...models.reconciliation_rerun_provider import ReconciliationRerunProvider
from ...types import Response


def _get_kwargs(
    provider: ReconciliationRerunProvider,
    day: datetime.date,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/billing/reconciliation/runs/{provider}/{day}".format(
            provider=quote(str(provider), safe=""),
            day=quote(str(day), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | ReconRunView | None:
    if response.status_code == 200:
        response_200 = ReconRunView.from_dict(response.json())

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
) -> Response[Problem | ReconRunView]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    provider: ReconciliationRerunProvider,
    day: datetime.date,
    *,
    client: AuthenticatedClient | Client,
) -> Response[Problem | ReconRunView]:
    """Reconcile one provider's day again (after a fix); the mismatch list is replaced

    Args:
        provider (ReconciliationRerunProvider):
        day (datetime.date):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ReconRunView]
    """

    kwargs = _get_kwargs(
        provider=provider,
        day=day,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    provider: ReconciliationRerunProvider,
    day: datetime.date,
    *,
    client: AuthenticatedClient | Client,
) -> Problem | ReconRunView | None:
    """Reconcile one provider's day again (after a fix); the mismatch list is replaced

    Args:
        provider (ReconciliationRerunProvider):
        day (datetime.date):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ReconRunView
    """

    return sync_detailed(
        provider=provider,
        day=day,
        client=client,
    ).parsed


async def asyncio_detailed(
    provider: ReconciliationRerunProvider,
    day: datetime.date,
    *,
    client: AuthenticatedClient | Client,
) -> Response[Problem | ReconRunView]:
    """Reconcile one provider's day again (after a fix); the mismatch list is replaced

    Args:
        provider (ReconciliationRerunProvider):
        day (datetime.date):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ReconRunView]
    """

    kwargs = _get_kwargs(
        provider=provider,
        day=day,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    provider: ReconciliationRerunProvider,
    day: datetime.date,
    *,
    client: AuthenticatedClient | Client,
) -> Problem | ReconRunView | None:
    """Reconcile one provider's day again (after a fix); the mismatch list is replaced

    Args:
        provider (ReconciliationRerunProvider):
        day (datetime.date):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ReconRunView
    """

    return (
        await asyncio_detailed(
            provider=provider,
            day=day,
            client=client,
        )
    ).parsed
