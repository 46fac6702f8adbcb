import factory
from factory.django import DjangoModelFactory

from organisation.groups import service_groups_sync
from organisation.models import Municipality, Position, Service, User

PASSWORD = "riktig-passord-123"


class MunicipalityFactory(DjangoModelFactory):
    class Meta:
        model = Municipality
        django_get_or_create = ["number"]

    name = factory.Sequence(lambda n: f"Testkommune {n}")
    number = factory.Sequence(lambda n: f"{5000 + n:04d}")


class ServiceFactory(DjangoModelFactory):
    class Meta:
        model = Service
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Tjeneste {n}")
    kind = Service.Kind.HEALTH_STATION
    host_municipality = factory.SubFactory(MunicipalityFactory)

    @factory.post_generation
    def municipalities(self, create, extracted, **kwargs):
        if create:
            self.municipalities.set(extracted or [self.host_municipality])


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ["email"]
        skip_postgeneration_save = True

    full_name = factory.Faker("name", locale="no_NO")
    email = factory.Sequence(lambda n: f"person{n}@test.demo")
    password = factory.django.Password(PASSWORD)


class PositionFactory(DjangoModelFactory):
    class Meta:
        model = Position
        skip_postgeneration_save = True

    title = "Helsesykepleier"
    role = Position.Role.STAFF
    service = factory.SubFactory(ServiceFactory)
    holder = factory.SubFactory(UserFactory)

    @factory.post_generation
    def service_groups(self, create, extracted, **kwargs):
        if create:  # as organisation.services.position_save does: cases follow the service groups
            service_groups_sync(self.holder)


class MeasureFactory(DjangoModelFactory):
    class Meta:
        model = "measures.Measure"

    municipality = factory.SubFactory(MunicipalityFactory)
    name = factory.Sequence(lambda n: f"Tiltak {n}")
    description = "Samtalegrupper for foreldre."
    level = "universell"
    responsible_service = factory.SubFactory(ServiceFactory)
    status = "i_gang"
    next_evaluation_on = factory.LazyFunction(lambda: __import__("datetime").date.today().replace(year=2030))
