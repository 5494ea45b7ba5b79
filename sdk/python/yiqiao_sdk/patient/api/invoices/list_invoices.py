from http import HTTPStatus
from typing import Any
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.invoice_view import InvoiceView
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    patient_id: None | Unset | UUID = UNSET,
    order_id: None | Unset | UUID = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_patient_id: None | str | Unset
    if isinstance(patient_id, Unset):
        json_patient_id = UNSET
    elif isinstance(patient_id, UUID):
        json_patient_id = str(patient_id)
    else:
        json_patient_id = patient_id
    params["patient_id"] = json_patient_id

    json_order_id: None | str | Unset
    if isinstance(order_id, Unset):
        json_order_id = UNSET
    elif isinstance(order_id, UUID):
        json_order_id = str(order_id)
    else:
        json_order_id = order_id
    params["order_id"] = json_order_id

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/invoices",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | list[InvoiceView] | None:
    if response.status_code == 200:
        response_200 = []
        _response_200 = response.json()
        for response_200_item_data in _response_200:
            response_200_item = InvoiceView.from_dict(response_200_item_data)

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
) -> Response[Problem | list[InvoiceView]]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    patient_id: None | Unset | UUID = UNSET,
    order_id: None | Unset | UUID = UNSET,
) -> Response[Problem | list[InvoiceView]]:
    """E-invoices of every profile this account manages (or one profile, or one order)

    Args:
        patient_id (None | Unset | UUID):
        order_id (None | Unset | UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | list[InvoiceView]]
    """

    kwargs = _get_kwargs(
        patient_id=patient_id,
        order_id=order_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    patient_id: None | Unset | UUID = UNSET,
    order_id: None | Unset | UUID = UNSET,
) -> Problem | list[InvoiceView] | None:
    """E-invoices of every profile this account manages (or one profile, or one order)

    Args:
        patient_id (None | Unset | UUID):
        order_id (None | Unset | UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | list[InvoiceView]
    """

    return sync_detailed(
        client=client,
        patient_id=patient_id,
        order_id=order_id,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    patient_id: None | Unset | UUID = UNSET,
    order_id: None | Unset | UUID = UNSET,
) -> Response[Problem | list[InvoiceView]]:
    """E-invoices of every profile this account manages (or one profile, or one order)

    Args:
        patient_id (None | Unset | UUID):
        order_id (None | Unset | UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | list[InvoiceView]]
    """

    kwargs = _get_kwargs(
        patient_id=patient_id,
        order_id=order_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    patient_id: None | Unset | UUID = UNSET,
    order_id: None | Unset | UUID = UNSET,
) -> Problem | list[InvoiceView] | None:
    """E-invoices of every profile this account manages (or one profile, or one order)

    Args:
        patient_id (None | Unset | UUID):
        order_id (None | Unset | UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | list[InvoiceView]
    """

    return (
        await asyncio_detailed(
            client=client,
            patient_id=patient_id,
            order_id=order_id,
        )
    ).parsed
