from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.pay_command import PayCommand
from ...models.payment_start import PaymentStart
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    appointment_id: UUID,
    *,
    body: PayCommand,
    idempotency_key: str,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/bookings/{appointment_id}/payment".format(
            appointment_id=quote(str(appointment_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> PaymentStart | Problem | None:
    if response.status_code == 201:
        response_201 = PaymentStart.from_dict(response.json())

        return response_201

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

    if response.status_code == 409:
        response_409 = Problem.from_dict(response.json())

        return response_409

    if response.status_code == 422:
        response_422 = Problem.from_dict(response.json())

        return response_422

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[PaymentStart | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    appointment_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: PayCommand,
    idempotency_key: str,
) -> Response[PaymentStart | Problem]:
    """Pay a held booking's registration fee (挂号费); paid in time, the booking is confirmed

    Args:
        appointment_id (UUID):
        idempotency_key (str): A new random key per request that creates something; a retry with
            the same key returns what the first one created
        body (PayCommand):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PaymentStart | Problem]
    """

    kwargs = _get_kwargs(
        appointment_id=appointment_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    appointment_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: PayCommand,
    idempotency_key: str,
) -> PaymentStart | Problem | None:
    """Pay a held booking's registration fee (挂号费); paid in time, the booking is confirmed

    Args:
        appointment_id (UUID):
        idempotency_key (str): A new random key per request that creates something; a retry with
            the same key returns what the first one created
        body (PayCommand):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PaymentStart | Problem
    """

    return sync_detailed(
        appointment_id=appointment_id,
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    appointment_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: PayCommand,
    idempotency_key: str,
) -> Response[PaymentStart | Problem]:
    """Pay a held booking's registration fee (挂号费); paid in time, the booking is confirmed

    Args:
        appointment_id (UUID):
        idempotency_key (str): A new random key per request that creates something; a retry with
            the same key returns what the first one created
        body (PayCommand):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PaymentStart | Problem]
    """

    kwargs = _get_kwargs(
        appointment_id=appointment_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    appointment_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: PayCommand,
    idempotency_key: str,
) -> PaymentStart | Problem | None:
    """Pay a held booking's registration fee (挂号费); paid in time, the booking is confirmed

    Args:
        appointment_id (UUID):
        idempotency_key (str): A new random key per request that creates something; a retry with
            the same key returns what the first one created
        body (PayCommand):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PaymentStart | Problem
    """

    return (
        await asyncio_detailed(
            appointment_id=appointment_id,
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
