from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.kiosk_measurement import KioskMeasurement
from ...models.kiosk_measurement_result import KioskMeasurementResult
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    *,
    body: KioskMeasurement,
    x_citizen_session: str,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    headers["X-Citizen-Session"] = x_citizen_session

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/citizen/vitals",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> KioskMeasurementResult | Problem | None:
    if response.status_code == 201:
        response_201 = KioskMeasurementResult.from_dict(response.json())

        return response_201

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())

        return response_403

    if response.status_code == 409:
        response_409 = Problem.from_dict(response.json())

        return response_409

    if response.status_code == 422:
        response_422 = Problem.from_dict(response.json())

        return response_422

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[KioskMeasurementResult | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: KioskMeasurement,
    x_citizen_session: str,
) -> Response[KioskMeasurementResult | Problem]:
    """A measurement from this kiosk's vital-sign peripheral (BP cuff…), for the signed-in citizen

    Args:
        x_citizen_session (str): The token from opening a citizen session
        body (KioskMeasurement):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[KioskMeasurementResult | Problem]
    """

    kwargs = _get_kwargs(
        body=body,
        x_citizen_session=x_citizen_session,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: KioskMeasurement,
    x_citizen_session: str,
) -> KioskMeasurementResult | Problem | None:
    """A measurement from this kiosk's vital-sign peripheral (BP cuff…), for the signed-in citizen

    Args:
        x_citizen_session (str): The token from opening a citizen session
        body (KioskMeasurement):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        KioskMeasurementResult | Problem
    """

    return sync_detailed(
        client=client,
        body=body,
        x_citizen_session=x_citizen_session,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: KioskMeasurement,
    x_citizen_session: str,
) -> Response[KioskMeasurementResult | Problem]:
    """A measurement from this kiosk's vital-sign peripheral (BP cuff…), for the signed-in citizen

    Args:
        x_citizen_session (str): The token from opening a citizen session
        body (KioskMeasurement):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[KioskMeasurementResult | Problem]
    """

    kwargs = _get_kwargs(
        body=body,
        x_citizen_session=x_citizen_session,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: KioskMeasurement,
    x_citizen_session: str,
) -> KioskMeasurementResult | Problem | None:
    """A measurement from this kiosk's vital-sign peripheral (BP cuff…), for the signed-in citizen

    Args:
        x_citizen_session (str): The token from opening a citizen session
        body (KioskMeasurement):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        KioskMeasurementResult | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            x_citizen_session=x_citizen_session,
        )
    ).parsed
