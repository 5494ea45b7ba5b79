import datetime
from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.daily_list import DailyList
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    admission_id: UUID,
    *,
    first_day: datetime.date | None | Unset = UNSET,
    last_day: datetime.date | None | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_first_day: None | str | Unset
    if isinstance(first_day, Unset):
        json_first_day = UNSET
    elif isinstance(first_day, datetime.date):
        json_first_day = first_day.isoformat()
    else:
        json_first_day = first_day
    params["first_day"] = json_first_day

    json_last_day: None | str | Unset
    if isinstance(last_day, Unset):
        json_last_day = UNSET
    elif isinstance(last_day, datetime.date):
        json_last_day = last_day.isoformat()
    else:
        json_last_day = last_day
    params["last_day"] = json_last_day

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/inpatient/admissions/{admission_id}/charges".format(
            admission_id=quote(str(admission_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> DailyList | Problem | None:
    if response.status_code == 200:
        response_200 = DailyList.from_dict(response.json())

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
) -> Response[DailyList | Problem]:
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
    first_day: datetime.date | None | Unset = UNSET,
    last_day: datetime.date | None | Unset = UNSET,
) -> Response[DailyList | Problem]:
    """每日清单: the itemised charges of one day (first_day = last_day) or a period

    Args:
        admission_id (UUID):
        first_day (datetime.date | None | Unset):
        last_day (datetime.date | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DailyList | Problem]
    """

    kwargs = _get_kwargs(
        admission_id=admission_id,
        first_day=first_day,
        last_day=last_day,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    admission_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    first_day: datetime.date | None | Unset = UNSET,
    last_day: datetime.date | None | Unset = UNSET,
) -> DailyList | Problem | None:
    """每日清单: the itemised charges of one day (first_day = last_day) or a period

    Args:
        admission_id (UUID):
        first_day (datetime.date | None | Unset):
        last_day (datetime.date | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DailyList | Problem
    """

    return sync_detailed(
        admission_id=admission_id,
        client=client,
        first_day=first_day,
        last_day=last_day,
    ).parsed


async def asyncio_detailed(
    admission_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    first_day: datetime.date | None | Unset = UNSET,
    last_day: datetime.date | None | Unset = UNSET,
) -> Response[DailyList | Problem]:
    """每日清单: the itemised charges of one day (first_day = last_day) or a period

    Args:
        admission_id (UUID):
        first_day (datetime.date | None | Unset):
        last_day (datetime.date | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DailyList | Problem]
    """

    kwargs = _get_kwargs(
        admission_id=admission_id,
        first_day=first_day,
        last_day=last_day,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    admission_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    first_day: datetime.date | None | Unset = UNSET,
    last_day: datetime.date | None | Unset = UNSET,
) -> DailyList | Problem | None:
    """每日清单: the itemised charges of one day (first_day = last_day) or a period

    Args:
        admission_id (UUID):
        first_day (datetime.date | None | Unset):
        last_day (datetime.date | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DailyList | Problem
    """

    return (
        await asyncio_detailed(
            admission_id=admission_id,
            client=client,
            first_day=first_day,
            last_day=last_day,
        )
    ).parsed
