from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.infusion_view import InfusionView
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    infusion_id: UUID,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/infusions/{infusion_id}/end".format(
            infusion_id=quote(str(infusion_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> InfusionView | Problem | None:
    if response.status_code == 200:
        response_200 = InfusionView.from_dict(response.json())

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
) -> Response[InfusionView | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    infusion_id: UUID,
    *,
    client: AuthenticatedClient | Client,
) -> Response[InfusionView | Problem]:
    """End the infusion (the pump is free)

    Args:
        infusion_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[InfusionView | Problem]
    """

    kwargs = _get_kwargs(
        infusion_id=infusion_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    infusion_id: UUID,
    *,
    client: AuthenticatedClient | Client,
) -> InfusionView | Problem | None:
    """End the infusion (the pump is free)

    Args:
        infusion_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        InfusionView | Problem
    """

    return sync_detailed(
        infusion_id=infusion_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    infusion_id: UUID,
    *,
    client: AuthenticatedClient | Client,
) -> Response[InfusionView | Problem]:
    """End the infusion (the pump is free)

    Args:
        infusion_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[InfusionView | Problem]
    """

    kwargs = _get_kwargs(
        infusion_id=infusion_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    infusion_id: UUID,
    *,
    client: AuthenticatedClient | Client,
) -> InfusionView | Problem | None:
    """End the infusion (the pump is free)

    Args:
        infusion_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        InfusionView | Problem
    """

    return (
        await asyncio_detailed(
            infusion_id=infusion_id,
            client=client,
        )
    ).parsed
