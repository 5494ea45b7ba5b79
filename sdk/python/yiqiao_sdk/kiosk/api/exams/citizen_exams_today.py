from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.exam_booking_view import ExamBookingView
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    *,
    x_citizen_session: str,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    headers["X-Citizen-Session"] = x_citizen_session

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/medtech/today",
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | list[ExamBookingView] | None:
    if response.status_code == 200:
        response_200 = []
        _response_200 = response.json()
        for response_200_item_data in _response_200:
            response_200_item = ExamBookingView.from_dict(response_200_item_data)

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

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Problem | list[ExamBookingView]]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    x_citizen_session: str,
) -> Response[Problem | list[ExamBookingView]]:
    """The citizen's exams and treatment sessions today

    Args:
        x_citizen_session (str): The token from opening a citizen session

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | list[ExamBookingView]]
    """

    kwargs = _get_kwargs(
        x_citizen_session=x_citizen_session,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    x_citizen_session: str,
) -> Problem | list[ExamBookingView] | None:
    """The citizen's exams and treatment sessions today

    Args:
        x_citizen_session (str): The token from opening a citizen session

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | list[ExamBookingView]
    """

    return sync_detailed(
        client=client,
        x_citizen_session=x_citizen_session,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    x_citizen_session: str,
) -> Response[Problem | list[ExamBookingView]]:
    """The citizen's exams and treatment sessions today

    Args:
        x_citizen_session (str): The token from opening a citizen session

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | list[ExamBookingView]]
    """

    kwargs = _get_kwargs(
        x_citizen_session=x_citizen_session,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    x_citizen_session: str,
) -> Problem | list[ExamBookingView] | None:
    """The citizen's exams and treatment sessions today

    Args:
        x_citizen_session (str): The token from opening a citizen session

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | list[ExamBookingView]
    """

    return (
        await asyncio_detailed(
            client=client,
            x_citizen_session=x_citizen_session,
        )
    ).parsed
