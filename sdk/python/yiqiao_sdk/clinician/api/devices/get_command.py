from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.command_view import CommandView
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    device_id: UUID,
    command_id: UUID,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/devices/{device_id}/commands/{command_id}".format(
            device_id=quote(str(device_id), safe=""),
            command_id=quote(str(command_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> CommandView | Problem | None:
    if response.status_code == 200:
        response_200 = CommandView.from_dict(response.json())

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
) -> Response[CommandView | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    device_id: UUID,
    command_id: UUID,
    *,
    client: AuthenticatedClient | Client,
) -> Response[CommandView | Problem]:
    """One command and its status

    Args:
        device_id (UUID):
        command_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CommandView | Problem]
    """

    kwargs = _get_kwargs(
        device_id=device_id,
        command_id=command_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    device_id: UUID,
    command_id: UUID,
    *,
    client: AuthenticatedClient | Client,
) -> CommandView | Problem | None:
    """One command and its status

    Args:
        device_id (UUID):
        command_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CommandView | Problem
    """

    return sync_detailed(
        device_id=device_id,
        command_id=command_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    device_id: UUID,
    command_id: UUID,
    *,
    client: AuthenticatedClient | Client,
) -> Response[CommandView | Problem]:
    """One command and its status

    Args:
        device_id (UUID):
        command_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CommandView | Problem]
    """

    kwargs = _get_kwargs(
        device_id=device_id,
        command_id=command_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    device_id: UUID,
    command_id: UUID,
    *,
    client: AuthenticatedClient | Client,
) -> CommandView | Problem | None:
    """One command and its status

    Args:
        device_id (UUID):
        command_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CommandView | Problem
    """

    return (
        await asyncio_detailed(
            device_id=device_id,
            command_id=command_id,
            client=client,
        )
    ).parsed
