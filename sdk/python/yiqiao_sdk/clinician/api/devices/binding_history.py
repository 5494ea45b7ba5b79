from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.binding_history_kind_type_1 import BindingHistoryKindType1
from ...models.binding_history_kind_type_2_type_1 import BindingHistoryKindType2Type1
from ...models.binding_history_kind_type_3_type_1 import BindingHistoryKindType3Type1
from ...models.binding_view import BindingView
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    device_id: UUID,
    *,
    kind: BindingHistoryKindType1
    | BindingHistoryKindType2Type1
    | BindingHistoryKindType3Type1
    | None
    | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_kind: None | str | Unset
    if isinstance(kind, Unset):
        json_kind = UNSET
    elif (
        isinstance(kind, BindingHistoryKindType1)
        or isinstance(kind, BindingHistoryKindType2Type1)
        or isinstance(kind, BindingHistoryKindType3Type1)
    ):
        json_kind = kind.value
    else:
        json_kind = kind
    params["kind"] = json_kind

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/devices/{device_id}/bindings".format(
            device_id=quote(str(device_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | list[BindingView] | None:
    if response.status_code == 200:
        response_200 = []
        _response_200 = response.json()
        for response_200_item_data in _response_200:
            response_200_item = BindingView.from_dict(response_200_item_data)

            response_200.append(response_200_item)

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
) -> Response[Problem | list[BindingView]]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    device_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    kind: BindingHistoryKindType1
    | BindingHistoryKindType2Type1
    | BindingHistoryKindType3Type1
    | None
    | Unset = UNSET,
) -> Response[Problem | list[BindingView]]:
    """Who and where this device was bound to, newest first

    Args:
        device_id (UUID):
        kind (BindingHistoryKindType1 | BindingHistoryKindType2Type1 |
            BindingHistoryKindType3Type1 | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | list[BindingView]]
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
    *,
    client: AuthenticatedClient | Client,
    kind: BindingHistoryKindType1
    | BindingHistoryKindType2Type1
    | BindingHistoryKindType3Type1
    | None
    | Unset = UNSET,
) -> Problem | list[BindingView] | None:
    """Who and where this device was bound to, newest first

    Args:
        device_id (UUID):
        kind (BindingHistoryKindType1 | BindingHistoryKindType2Type1 |
            BindingHistoryKindType3Type1 | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | list[BindingView]
    """

    return sync_detailed(
        device_id=device_id,
        client=client,
        kind=kind,
    ).parsed


async def asyncio_detailed(
    device_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    kind: BindingHistoryKindType1
    | BindingHistoryKindType2Type1
    | BindingHistoryKindType3Type1
    | None
    | Unset = UNSET,
) -> Response[Problem | list[BindingView]]:
    """Who and where this device was bound to, newest first

    Args:
        device_id (UUID):
        kind (BindingHistoryKindType1 | BindingHistoryKindType2Type1 |
            BindingHistoryKindType3Type1 | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | list[BindingView]]
    """

    kwargs = _get_kwargs(
        device_id=device_id,
        kind=kind,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    device_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    kind: BindingHistoryKindType1
    | BindingHistoryKindType2Type1
    | BindingHistoryKindType3Type1
    | None
    | Unset = UNSET,
) -> Problem | list[BindingView] | None:
    """Who and where this device was bound to, newest first

    Args:
        device_id (UUID):
        kind (BindingHistoryKindType1 | BindingHistoryKindType2Type1 |
            BindingHistoryKindType3Type1 | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | list[BindingView]
    """

    return (
        await asyncio_detailed(
            device_id=device_id,
            client=client,
            kind=kind,
        )
    ).parsed
