from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.verify_result import VerifyResult
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    code: str,
    number: str,
    check: str,
    sig: str | Unset = "",
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["code"] = code

    params["number"] = number

    params["check"] = check

    params["sig"] = sig

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/invoices/verify",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | VerifyResult | None:
    if response.status_code == 200:
        response_200 = VerifyResult.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())

        return response_400

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Problem | VerifyResult]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    code: str,
    number: str,
    check: str,
    sig: str | Unset = "",
) -> Response[Problem | VerifyResult]:
    """票据查验: is this bill genuine and still valid? (what the bill's QR code opens)

    Args:
        code (str): 票据代码, 8 digits
        number (str): 票据号码, 10 digits
        check (str): 校验码, 6 characters
        sig (str | Unset): the issuer's signature, from the QR Default: ''.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | VerifyResult]
    """

    kwargs = _get_kwargs(
        code=code,
        number=number,
        check=check,
        sig=sig,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    code: str,
    number: str,
    check: str,
    sig: str | Unset = "",
) -> Problem | VerifyResult | None:
    """票据查验: is this bill genuine and still valid? (what the bill's QR code opens)

    Args:
        code (str): 票据代码, 8 digits
        number (str): 票据号码, 10 digits
        check (str): 校验码, 6 characters
        sig (str | Unset): the issuer's signature, from the QR Default: ''.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | VerifyResult
    """

    return sync_detailed(
        client=client,
        code=code,
        number=number,
        check=check,
        sig=sig,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    code: str,
    number: str,
    check: str,
    sig: str | Unset = "",
) -> Response[Problem | VerifyResult]:
    """票据查验: is this bill genuine and still valid? (what the bill's QR code opens)

    Args:
        code (str): 票据代码, 8 digits
        number (str): 票据号码, 10 digits
        check (str): 校验码, 6 characters
        sig (str | Unset): the issuer's signature, from the QR Default: ''.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | VerifyResult]
    """

    kwargs = _get_kwargs(
        code=code,
        number=number,
        check=check,
        sig=sig,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    code: str,
    number: str,
    check: str,
    sig: str | Unset = "",
) -> Problem | VerifyResult | None:
    """票据查验: is this bill genuine and still valid? (what the bill's QR code opens)

    Args:
        code (str): 票据代码, 8 digits
        number (str): 票据号码, 10 digits
        check (str): 校验码, 6 characters
        sig (str | Unset): the issuer's signature, from the QR Default: ''.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | VerifyResult
    """

    return (
        await asyncio_detailed(
            client=client,
            code=code,
            number=number,
            check=check,
            sig=sig,
        )
    ).parsed
