from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.order_view import OrderView
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    appointment_id: UUID,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/bookings/{appointment_id}/order".format(
            appointment_id=quote(str(appointment_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> OrderView | Problem | None:
    if response.status_code == 201:
        response_201 = OrderView.from_dict(response.json())

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

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[OrderView | Problem]:
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
) -> Response[OrderView | Problem]:
    """A booking's registration-fee order (挂号费), to pay it another way, e.g. with medical insurance (POST
    /orders/{id}/insurance/pay)

    Args:
        appointment_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[OrderView | Problem]
    """

    kwargs = _get_kwargs(
        appointment_id=appointment_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    appointment_id: UUID,
    *,
    client: AuthenticatedClient | Client,
) -> OrderView | Problem | None:
    """A booking's registration-fee order (挂号费), to pay it another way, e.g. with medical insurance (POST
    /orders/{id}/insurance/pay)

    Args:
        appointment_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        OrderView | Problem
    """

    return sync_detailed(
        appointment_id=appointment_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    appointment_id: UUID,
    *,
    client: AuthenticatedClient | Client,
) -> Response[OrderView | Problem]:
    """A booking's registration-fee order (挂号费), to pay it another way, e.g. with medical insurance (POST
    /orders/{id}/insurance/pay)

    Args:
        appointment_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[OrderView | Problem]
    """

    kwargs = _get_kwargs(
        appointment_id=appointment_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    appointment_id: UUID,
    *,
    client: AuthenticatedClient | Client,
) -> OrderView | Problem | None:
    """A booking's registration-fee order (挂号费), to pay it another way, e.g. with medical insurance (POST
    /orders/{id}/insurance/pay)

    Args:
        appointment_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        OrderView | Problem
    """

    return (
        await asyncio_detailed(
            appointment_id=appointment_id,
            client=client,
        )
    ).parsed
