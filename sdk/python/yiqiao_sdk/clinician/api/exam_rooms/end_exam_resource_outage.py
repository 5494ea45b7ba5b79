from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.outage_ended import OutageEnded
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    resource_id: UUID,
    outage_id: UUID,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/medtech/resources/{resource_id}/outages/{outage_id}/end".format(
            resource_id=quote(str(resource_id), safe=""),
            outage_id=quote(str(outage_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> OutageEnded | Problem | None:
    if response.status_code == 200:
        response_200 = OutageEnded.from_dict(response.json())

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
) -> Response[OutageEnded | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    resource_id: UUID,
    outage_id: UUID,
    *,
    client: AuthenticatedClient | Client,
) -> Response[OutageEnded | Problem]:
    """The room works again: reopen its bands still to come

    Args:
        resource_id (UUID):
        outage_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[OutageEnded | Problem]
    """

    kwargs = _get_kwargs(
        resource_id=resource_id,
        outage_id=outage_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    resource_id: UUID,
    outage_id: UUID,
    *,
    client: AuthenticatedClient | Client,
) -> OutageEnded | Problem | None:
    """The room works again: reopen its bands still to come

    Args:
        resource_id (UUID):
        outage_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        OutageEnded | Problem
    """

    return sync_detailed(
        resource_id=resource_id,
        outage_id=outage_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    resource_id: UUID,
    outage_id: UUID,
    *,
    client: AuthenticatedClient | Client,
) -> Response[OutageEnded | Problem]:
    """The room works again: reopen its bands still to come

    Args:
        resource_id (UUID):
        outage_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[OutageEnded | Problem]
    """

    kwargs = _get_kwargs(
        resource_id=resource_id,
        outage_id=outage_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    resource_id: UUID,
    outage_id: UUID,
    *,
    client: AuthenticatedClient | Client,
) -> OutageEnded | Problem | None:
    """The room works again: reopen its bands still to come

    Args:
        resource_id (UUID):
        outage_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        OutageEnded | Problem
    """

    return (
        await asyncio_detailed(
            resource_id=resource_id,
            outage_id=outage_id,
            client=client,
        )
    ).parsed
