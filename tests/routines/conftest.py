import pytest

from tests.factories import ActionFactory, EquipmentFactory, RegionFactory


@pytest.fixture
def vocab(db):
    """One region, action and kind of equipment, for the technique forms' data."""
    return {
        "region": RegionFactory(slug="upper-back", name="Upper back"),
        "action": ActionFactory(slug="pin", name="Pin"),
        "equipment": EquipmentFactory(slug="therapy-ball", name="Therapy ball"),
    }
