from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.binding_view import BindingView
from ...models.problem import Problem
from ...models.unbind_device_kind import UnbindDeviceKind
from ...types import Response


def _get_kwargs(
    device_id: UUID,
    kind: UnbindDeviceKind,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "delete",
        "url": "/devices/{device_id}/bindings/{kind}".format(
            device_id=quote(str(device_id), safe=""),
            kind=quote(str(kind), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> BindingView | Problem | None:
    if response.status_code == 200:
        response_200 = BindingView.from_dict(response.json())

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
) -> Response[BindingView | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    device_id: UUID,
    kind: UnbindDeviceKind,
    *,
    client: AuthenticatedClient | Client,
) -> Response[BindingView | Problem]:
    """End the device's current binding of this kind (patient, bed or vehicle)

    Args:
        device_id (UUID):
        kind (UnbindDeviceKind):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BindingView | Problem]
    """

    kwargs = _get_kwargs(
        device_id=device_id,
        kind=kind,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    device_id: UUID,
    kind: UnbindDeviceKind,
    *,
    client: AuthenticatedClient | Client,
) -> BindingView | Problem | None:
    """End the device's current binding of this kind (patient, bed or vehicle)

    Args:
        device_id (UUID):
        kind (UnbindDeviceKind):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BindingView | Problem
    """

    return sync_detailed(
        device_id=device_id,
        kind=kind,
        client=client,
    ).parsed


async def asyncio_detailed(
    device_id: UUID,
    kind: UnbindDeviceKind,
    *,
    client: AuthenticatedClient | Client,
) -> Response[BindingView | Problem]:
    """End the device's current binding of this kind (patient, bed or vehicle)

    Args:
        device_id (UUID):
        kind (UnbindDeviceKind):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BindingView | Problem]
    """

    kwargs = _get_kwargs(
        device_id=device_id,
        kind=kind,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    device_id: UUID,
    kind: UnbindDeviceKind,
    *,
    client: AuthenticatedClient | Client,
) -> BindingView | Problem | None:
    """End the device's current binding of this kind (patient, bed or vehicle)

    Args:
        device_id (UUID):
        kind (UnbindDeviceKind):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BindingView | Problem
    """

    return (
        await asyncio_detailed(
            device_id=device_id,
            kind=kind,
            client=client,
        )
    ).parsed
