from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    order_id: UUID,
    *,
    x_citizen_session: str,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    headers["X-Citizen-Session"] = x_citizen_session

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/payment/orders/{order_id}/receipt".format(
            order_id=quote(str(order_id), safe=""),
        ),
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | None:
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
) -> Response[Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    order_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    x_citizen_session: str,
) -> Response[Problem]:
    """The printed receipt of a paid order (PDF, Chinese font embedded, name masked)

    Args:
        order_id (UUID):
        x_citizen_session (str): The token from opening a citizen session

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem]
    """

    kwargs = _get_kwargs(
        order_id=order_id,
        x_citizen_session=x_citizen_session,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    order_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    x_citizen_session: str,
) -> Problem | None:
    """The printed receipt of a paid order (PDF, Chinese font embedded, name masked)

    Args:
        order_id (UUID):
        x_citizen_session (str): The token from opening a citizen session

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem
    """

    return sync_detailed(
        order_id=order_id,
        client=client,
        x_citizen_session=x_citizen_session,
    ).parsed


async def asyncio_detailed(
    order_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    x_citizen_session: str,
) -> Response[Problem]:
    """The printed receipt of a paid order (PDF, Chinese font embedded, name masked)

    Args:
        order_id (UUID):
        x_citizen_session (str): The token from opening a citizen session

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem]
    """

    kwargs = _get_kwargs(
        order_id=order_id,
        x_citizen_session=x_citizen_session,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    order_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    x_citizen_session: str,
) -> Problem | None:
    """The printed receipt of a paid order (PDF, Chinese font embedded, name masked)

    Args:
        order_id (UUID):
        x_citizen_session (str): The token from opening a citizen session

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem
    """

    return (
        await asyncio_detailed(
            order_id=order_id,
            client=client,
            x_citizen_session=x_citizen_session,
        )
    ).parsed
