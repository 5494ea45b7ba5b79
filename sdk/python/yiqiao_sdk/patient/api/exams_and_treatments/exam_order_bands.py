import datetime
from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.exam_band_view import ExamBandView
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    order_id: UUID,
    *,
    from_date: datetime.date | None | Unset = UNSET,
    days: int | Unset = 7,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_from_date: None | str | Unset
    if isinstance(from_date, Unset):
        json_from_date = UNSET
    elif isinstance(from_date, datetime.date):
        json_from_date = from_date.isoformat()
    else:
        json_from_date = from_date
    params["from_date"] = json_from_date

    params["days"] = days

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/medtech/orders/{order_id}/bands".format(
            order_id=quote(str(order_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | list[ExamBandView] | None:
    if response.status_code == 200:
        response_200 = []
        _response_200 = response.json()
        for response_200_item_data in _response_200:
            response_200_item = ExamBandView.from_dict(response_200_item_data)

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
) -> Response[Problem | list[ExamBandView]]:
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
    from_date: datetime.date | None | Unset = UNSET,
    days: int | Unset = 7,
) -> Response[Problem | list[ExamBandView]]:
    """Free times for an order, each marked with whether the conflict rules allow it and why not

    Args:
        order_id (UUID):
        from_date (datetime.date | None | Unset):
        days (int | Unset):  Default: 7.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | list[ExamBandView]]
    """

    kwargs = _get_kwargs(
        order_id=order_id,
        from_date=from_date,
        days=days,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    order_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    from_date: datetime.date | None | Unset = UNSET,
    days: int | Unset = 7,
) -> Problem | list[ExamBandView] | None:
    """Free times for an order, each marked with whether the conflict rules allow it and why not

    Args:
        order_id (UUID):
        from_date (datetime.date | None | Unset):
        days (int | Unset):  Default: 7.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | list[ExamBandView]
    """

    return sync_detailed(
        order_id=order_id,
        client=client,
        from_date=from_date,
        days=days,
    ).parsed


async def asyncio_detailed(
    order_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    from_date: datetime.date | None | Unset = UNSET,
    days: int | Unset = 7,
) -> Response[Problem | list[ExamBandView]]:
    """Free times for an order, each marked with whether the conflict rules allow it and why not

    Args:
        order_id (UUID):
        from_date (datetime.date | None | Unset):
        days (int | Unset):  Default: 7.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | list[ExamBandView]]
    """

    kwargs = _get_kwargs(
        order_id=order_id,
        from_date=from_date,
        days=days,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    order_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    from_date: datetime.date | None | Unset = UNSET,
    days: int | Unset = 7,
) -> Problem | list[ExamBandView] | None:
    """Free times for an order, each marked with whether the conflict rules allow it and why not

    Args:
        order_id (UUID):
        from_date (datetime.date | None | Unset):
        days (int | Unset):  Default: 7.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | list[ExamBandView]
    """

    return (
        await asyncio_detailed(
            order_id=order_id,
            client=client,
            from_date=from_date,
            days=days,
        )
    ).parsed
