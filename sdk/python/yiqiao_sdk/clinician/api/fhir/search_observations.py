from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.search_observations_response_200 import SearchObservationsResponse200
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    patient: None | str | Unset = UNSET,
    device: None | str | Unset = UNSET,
    code: None | str | Unset = UNSET,
    field_count: int | Unset = 100,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_patient: None | str | Unset
    if isinstance(patient, Unset):
        json_patient = UNSET
    else:
        json_patient = patient
    params["patient"] = json_patient

    json_device: None | str | Unset
    if isinstance(device, Unset):
        json_device = UNSET
    else:
        json_device = device
    params["device"] = json_device

    json_code: None | str | Unset
    if isinstance(code, Unset):
        json_code = UNSET
    else:
        json_code = code
    params["code"] = json_code

    params["_count"] = field_count

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/fhir/Observation",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | SearchObservationsResponse200 | None:
    if response.status_code == 200:
        response_200 = SearchObservationsResponse200.from_dict(response.json())

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
) -> Response[Problem | SearchObservationsResponse200]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    patient: None | str | Unset = UNSET,
    device: None | str | Unset = UNSET,
    code: None | str | Unset = UNSET,
    field_count: int | Unset = 100,
) -> Response[Problem | SearchObservationsResponse200]:
    """My ward's vital signs as a FHIR R4 searchset Bundle of Observations, newest first

     The newest ``_count`` readings stored for my department (a BP panel is one entry made of
    two readings); there is no paging yet: ask for a larger ``_count`` (at most 1000).

    Args:
        patient (None | str | Unset): Patient id (or Patient/<id>)
        device (None | str | Unset): Device id (or Device/<id>)
        code (None | str | Unset): LOINC code, e.g. 8867-4 or http://loinc.org|8867-4
        field_count (int | Unset):  Default: 100.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | SearchObservationsResponse200]
    """

    kwargs = _get_kwargs(
        patient=patient,
        device=device,
        code=code,
        field_count=field_count,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    patient: None | str | Unset = UNSET,
    device: None | str | Unset = UNSET,
    code: None | str | Unset = UNSET,
    field_count: int | Unset = 100,
) -> Problem | SearchObservationsResponse200 | None:
    """My ward's vital signs as a FHIR R4 searchset Bundle of Observations, newest first

     The newest ``_count`` readings stored for my department (a BP panel is one entry made of
    two readings); there is no paging yet: ask for a larger ``_count`` (at most 1000).

    Args:
        patient (None | str | Unset): Patient id (or Patient/<id>)
        device (None | str | Unset): Device id (or Device/<id>)
        code (None | str | Unset): LOINC code, e.g. 8867-4 or http://loinc.org|8867-4
        field_count (int | Unset):  Default: 100.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | SearchObservationsResponse200
    """

    return sync_detailed(
        client=client,
        patient=patient,
        device=device,
        code=code,
        field_count=field_count,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    patient: None | str | Unset = UNSET,
    device: None | str | Unset = UNSET,
    code: None | str | Unset = UNSET,
    field_count: int | Unset = 100,
) -> Response[Problem | SearchObservationsResponse200]:
    """My ward's vital signs as a FHIR R4 searchset Bundle of Observations, newest first

     The newest ``_count`` readings stored for my department (a BP panel is one entry made of
    two readings); there is no paging yet: ask for a larger ``_count`` (at most 1000).

    Args:
        patient (None | str | Unset): Patient id (or Patient/<id>)
        device (None | str | Unset): Device id (or Device/<id>)
        code (None | str | Unset): LOINC code, e.g. 8867-4 or http://loinc.org|8867-4
        field_count (int | Unset):  Default: 100.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | SearchObservationsResponse200]
    """

    kwargs = _get_kwargs(
        patient=patient,
        device=device,
        code=code,
        field_count=field_count,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    patient: None | str | Unset = UNSET,
    device: None | str | Unset = UNSET,
    code: None | str | Unset = UNSET,
    field_count: int | Unset = 100,
) -> Problem | SearchObservationsResponse200 | None:
    """My ward's vital signs as a FHIR R4 searchset Bundle of Observations, newest first

     The newest ``_count`` readings stored for my department (a BP panel is one entry made of
    two readings); there is no paging yet: ask for a larger ``_count`` (at most 1000).

    Args:
        patient (None | str | Unset): Patient id (or Patient/<id>)
        device (None | str | Unset): Device id (or Device/<id>)
        code (None | str | Unset): LOINC code, e.g. 8867-4 or http://loinc.org|8867-4
        field_count (int | Unset):  Default: 100.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | SearchObservationsResponse200
    """

    return (
        await asyncio_detailed(
            client=client,
            patient=patient,
            device=device,
            code=code,
            field_count=field_count,
        )
    ).parsed
