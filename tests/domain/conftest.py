import pytest

from stalking_tui.domain.routemap import RouteMap, national_route_map


@pytest.fixture(scope="session")
def routes() -> RouteMap:
    return national_route_map()
