from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.settlement_view import SettlementView
from ...types import Response


def _get_kwargs(
    admission_id: UUID,
    *,
    idempotency_key: str,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/inpatient/admissions/{admission_id}/settlement".format(
            admission_id=quote(str(admission_id), safe=""),
        ),
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | SettlementView | None:
    if response.status_code == 200:
        response_200 = SettlementView.from_dict(response.json())

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
) -> Response[Problem | SettlementView]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    admission_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    idempotency_key: str,
) -> Response[Problem | SettlementView]:
    """Settle a pre-settled stay: pay the difference, or have the remainder refunded

    Args:
        admission_id (UUID):
        idempotency_key (str): A new random key per request that creates something; a retry with
            the same key returns what the first one created

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | SettlementView]
    """

    kwargs = _get_kwargs(
        admission_id=admission_id,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    admission_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    idempotency_key: str,
) -> Problem | SettlementView | None:
    """Settle a pre-settled stay: pay the difference, or have the remainder refunded

    Args:
        admission_id (UUID):
        idempotency_key (str): A new random key per request that creates something; a retry with
            the same key returns what the first one created

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | SettlementView
    """

    return sync_detailed(
        admission_id=admission_id,
        client=client,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    admission_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    idempotency_key: str,
) -> Response[Problem | SettlementView]:
    """Settle a pre-settled stay: pay the difference, or have the remainder refunded

    Args:
        admission_id (UUID):
        idempotency_key (str): A new random key per request that creates something; a retry with
            the same key returns what the first one created

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | SettlementView]
    """

    kwargs = _get_kwargs(
        admission_id=admission_id,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    admission_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    idempotency_key: str,
) -> Problem | SettlementView | None:
    """Settle a pre-settled stay: pay the difference, or have the remainder refunded

    Args:
        admission_id (UUID):
        idempotency_key (str): A new random key per request that creates something; a retry with
            the same key returns what the first one created

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | SettlementView
    """

    return (
        await asyncio_detailed(
            admission_id=admission_id,
            client=client,
            idempotency_key=idempotency_key,
        )
    ).parsed
