from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.deposit_view import DepositView
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    admission_id: UUID,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/inpatient/admissions/{admission_id}/deposits".format(
            admission_id=quote(str(admission_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | list[DepositView] | None:
    if response.status_code == 200:
        response_200 = []
        _response_200 = response.json()
        for response_200_item_data in _response_200:
            response_200_item = DepositView.from_dict(response_200_item_data)

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
) -> Response[Problem | list[DepositView]]:
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
) -> Response[Problem | list[DepositView]]:
    """Top-up records of a stay, with who paid (others' payments masked: the 代缴 list)

    Args:
        admission_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | list[DepositView]]
    """

    kwargs = _get_kwargs(
        admission_id=admission_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    admission_id: UUID,
    *,
    client: AuthenticatedClient | Client,
) -> Problem | list[DepositView] | None:
    """Top-up records of a stay, with who paid (others' payments masked: the 代缴 list)

    Args:
        admission_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | list[DepositView]
    """

    return sync_detailed(
        admission_id=admission_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    admission_id: UUID,
    *,
    client: AuthenticatedClient | Client,
) -> Response[Problem | list[DepositView]]:
    """Top-up records of a stay, with who paid (others' payments masked: the 代缴 list)

    Args:
        admission_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | list[DepositView]]
    """

    kwargs = _get_kwargs(
        admission_id=admission_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    admission_id: UUID,
    *,
    client: AuthenticatedClient | Client,
) -> Problem | list[DepositView] | None:
    """Top-up records of a stay, with who paid (others' payments masked: the 代缴 list)

    Args:
        admission_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | list[DepositView]
    """

    return (
        await asyncio_detailed(
            admission_id=admission_id,
            client=client,
        )
    ).parsed
