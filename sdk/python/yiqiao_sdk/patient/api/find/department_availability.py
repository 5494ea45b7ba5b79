import datetime
from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.department_day import DepartmentDay
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    department_id: UUID,
    *,
    day: datetime.date | None | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_day: None | str | Unset
    if isinstance(day, Unset):
        json_day = UNSET
    elif isinstance(day, datetime.date):
        json_day = day.isoformat()
    else:
        json_day = day
    params["day"] = json_day

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/find/departments/{department_id}/availability".format(
            department_id=quote(str(department_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> DepartmentDay | Problem | None:
    if response.status_code == 200:
        response_200 = DepartmentDay.from_dict(response.json())

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
) -> Response[DepartmentDay | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    department_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    day: datetime.date | None | Unset = UNSET,
) -> Response[DepartmentDay | Problem]:
    """One department's sessions on one day

    Args:
        department_id (UUID):
        day (datetime.date | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DepartmentDay | Problem]
    """

    kwargs = _get_kwargs(
        department_id=department_id,
        day=day,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    department_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    day: datetime.date | None | Unset = UNSET,
) -> DepartmentDay | Problem | None:
    """One department's sessions on one day

    Args:
        department_id (UUID):
        day (datetime.date | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DepartmentDay | Problem
    """

    return sync_detailed(
        department_id=department_id,
        client=client,
        day=day,
    ).parsed


async def asyncio_detailed(
    department_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    day: datetime.date | None | Unset = UNSET,
) -> Response[DepartmentDay | Problem]:
    """One department's sessions on one day

    Args:
        department_id (UUID):
        day (datetime.date | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DepartmentDay | Problem]
    """

    kwargs = _get_kwargs(
        department_id=department_id,
        day=day,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    department_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    day: datetime.date | None | Unset = UNSET,
) -> DepartmentDay | Problem | None:
    """One department's sessions on one day

    Args:
        department_id (UUID):
        day (datetime.date | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DepartmentDay | Problem
    """

    return (
        await asyncio_detailed(
            department_id=department_id,
            client=client,
            day=day,
        )
    ).parsed
