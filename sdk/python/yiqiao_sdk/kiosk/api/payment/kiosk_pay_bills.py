from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.kiosk_pay import KioskPay
from ...models.kiosk_payment import KioskPayment
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    *,
    body: KioskPay,
    x_citizen_session: str,
    idempotency_key: str,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    headers["X-Citizen-Session"] = x_citizen_session

    headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/payment/orders",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> KioskPayment | Problem | None:
    if response.status_code == 201:
        response_201 = KioskPayment.from_dict(response.json())

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
) -> Response[KioskPayment | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: KioskPay,
    x_citizen_session: str,
    idempotency_key: str,
) -> Response[KioskPayment | Problem]:
    """Pay these bills: one order and a QR code (code_url) the patient scans with their phone

    Args:
        x_citizen_session (str): The token from opening a citizen session
        idempotency_key (str): A new random key per request that creates something; a retry with
            the same key returns what the first one created
        body (KioskPay):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[KioskPayment | Problem]
    """

    kwargs = _get_kwargs(
        body=body,
        x_citizen_session=x_citizen_session,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: KioskPay,
    x_citizen_session: str,
    idempotency_key: str,
) -> KioskPayment | Problem | None:
    """Pay these bills: one order and a QR code (code_url) the patient scans with their phone

    Args:
        x_citizen_session (str): The token from opening a citizen session
        idempotency_key (str): A new random key per request that creates something; a retry with
            the same key returns what the first one created
        body (KioskPay):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        KioskPayment | Problem
    """

    return sync_detailed(
        client=client,
        body=body,
        x_citizen_session=x_citizen_session,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: KioskPay,
    x_citizen_session: str,
    idempotency_key: str,
) -> Response[KioskPayment | Problem]:
    """Pay these bills: one order and a QR code (code_url) the patient scans with their phone

    Args:
        x_citizen_session (str): The token from opening a citizen session
        idempotency_key (str): A new random key per request that creates something; a retry with
            the same key returns what the first one created
        body (KioskPay):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[KioskPayment | Problem]
    """

    kwargs = _get_kwargs(
        body=body,
        x_citizen_session=x_citizen_session,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: KioskPay,
    x_citizen_session: str,
    idempotency_key: str,
) -> KioskPayment | Problem | None:
    """Pay these bills: one order and a QR code (code_url) the patient scans with their phone

    Args:
        x_citizen_session (str): The token from opening a citizen session
        idempotency_key (str): A new random key per request that creates something; a retry with
            the same key returns what the first one created
        body (KioskPay):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        KioskPayment | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            x_citizen_session=x_citizen_session,
            idempotency_key=idempotency_key,
        )
    ).parsed
