import datetime
from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.patient_readings import PatientReadings
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    profile_id: UUID,
    *,
    code: None | str | Unset = UNSET,
    since: datetime.datetime | None | Unset = UNSET,
    limit: int | Unset = 500,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_code: None | str | Unset
    if isinstance(code, Unset):
        json_code = UNSET
    else:
        json_code = code
    params["code"] = json_code

    json_since: None | str | Unset
    if isinstance(since, Unset):
        json_since = UNSET
    elif isinstance(since, datetime.datetime):
        json_since = since.isoformat()
    else:
        json_since = since
    params["since"] = json_since

    params["limit"] = limit

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/profiles/{profile_id}/readings".format(
            profile_id=quote(str(profile_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> PatientReadings | Problem | None:
    if response.status_code == 200:
        response_200 = PatientReadings.from_dict(response.json())

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
) -> Response[PatientReadings | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    profile_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    code: None | str | Unset = UNSET,
    since: datetime.datetime | None | Unset = UNSET,
    limit: int | Unset = 500,
) -> Response[PatientReadings | Problem]:
    """Readings from this profile's wearables and home devices, with trends (default: 7 days)

    Args:
        profile_id (UUID):
        code (None | str | Unset):
        since (datetime.datetime | None | Unset): RFC 3339 with an offset
        limit (int | Unset):  Default: 500.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PatientReadings | Problem]
    """

    kwargs = _get_kwargs(
        profile_id=profile_id,
        code=code,
        since=since,
        limit=limit,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    profile_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    code: None | str | Unset = UNSET,
    since: datetime.datetime | None | Unset = UNSET,
    limit: int | Unset = 500,
) -> PatientReadings | Problem | None:
    """Readings from this profile's wearables and home devices, with trends (default: 7 days)

    Args:
        profile_id (UUID):
        code (None | str | Unset):
        since (datetime.datetime | None | Unset): RFC 3339 with an offset
        limit (int | Unset):  Default: 500.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PatientReadings | Problem
    """

    return sync_detailed(
        profile_id=profile_id,
        client=client,
        code=code,
        since=since,
        limit=limit,
    ).parsed


async def asyncio_detailed(
    profile_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    code: None | str | Unset = UNSET,
    since: datetime.datetime | None | Unset = UNSET,
    limit: int | Unset = 500,
) -> Response[PatientReadings | Problem]:
    """Readings from this profile's wearables and home devices, with trends (default: 7 days)

    Args:
        profile_id (UUID):
        code (None | str | Unset):
        since (datetime.datetime | None | Unset): RFC 3339 with an offset
        limit (int | Unset):  Default: 500.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PatientReadings | Problem]
    """

    kwargs = _get_kwargs(
        profile_id=profile_id,
        code=code,
        since=since,
        limit=limit,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    profile_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    code: None | str | Unset = UNSET,
    since: datetime.datetime | None | Unset = UNSET,
    limit: int | Unset = 500,
) -> PatientReadings | Problem | None:
    """Readings from this profile's wearables and home devices, with trends (default: 7 days)

    Args:
        profile_id (UUID):
        code (None | str | Unset):
        since (datetime.datetime | None | Unset): RFC 3339 with an offset
        limit (int | Unset):  Default: 500.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PatientReadings | Problem
    """

    return (
        await asyncio_detailed(
            profile_id=profile_id,
            client=client,
            code=code,
            since=since,
            limit=limit,
        )
    ).parsed
