package dev.worklog.cli;

import dev.worklog.model.DailyLogDraft;
import java.time.LocalDate;
import java.util.List;

/**
 * A realistic sample week for {@code worklog demo}: six entries over the seven days ending on a given day, in Korean as the
 * original's users write them, in STAR form with numbers, across categories and impact levels. One has a long
 * numbered and bulleted Action section, the part the original lost when reading pages back.
 */
final class DemoWeek {
    private DemoWeek() {
    }

    /** The entries, oldest first, dated relative to {@code today}, the last day of the week. */
    static List<DailyLogDraft> entries(LocalDate today) {
        return List.of(
                entry(today.minusDays(6), "검색 API p99 지연 시간 85% 단축", "성능개선", "High",
                        List.of("Java", "Spring Boot", "Redis", "Elasticsearch"),
                        "p99 1,200ms → 180ms, 타임아웃 오류 0건", "https://jira.example.com/browse/SRCH-412",
                        """
                        ### Situation
                        상품 검색 API의 p99 지연 시간이 1,200ms까지 늘어나 모바일 앱에서 하루 평균 340건의 타임아웃이 발생했다.

                        ### Task
                        블랙프라이데이 트래픽(평시 3배) 전에 p99를 300ms 이하로 낮춰야 했다.

                        ### Action
                        1. APM 트레이스로 병목을 분석: 전체 시간의 70%가 카테고리 집계 쿼리에서 소요됨을 확인
                        2. 카테고리 집계 결과를 Redis에 5분 TTL로 캐싱
                           - 캐시 키에 필터 조합 해시를 포함해 적중률 92% 확보
                           - 캐시 스탬피드를 막기 위해 조기 갱신(probabilistic early expiration) 적용
                        3. Elasticsearch 쿼리에서 불필요한 `_source` 필드를 제외해 응답 크기 60% 축소
                        4. 커넥션 풀 크기를 20 → 50으로 조정하고 부하 테스트(k6, 3,000 RPS)로 검증
                        - 롤아웃은 카나리 10% → 50% → 100% 단계로 진행
                        - 대시보드에 p50/p95/p99 패널과 알림(p99 > 400ms) 추가

                        ### Result
                        p99 1,200ms → 180ms(85% 단축), 타임아웃 340건/일 → 0건, 검색 서버 CPU 사용률 35% 감소.
                        """),
                entry(today.minusDays(5), "결제 웹훅 중복 처리 버그 수정", "버그픽스", "High",
                        List.of("Kotlin", "PostgreSQL", "Kafka"),
                        "중복 결제 건 주 12건 → 0건", "https://jira.example.com/browse/PAY-1088",
                        """
                        ### Situation
                        PG사 웹훅이 재전송될 때 같은 결제가 두 번 승인 처리되어 주당 12건의 중복 결제 CS가 접수되었다.

                        ### Task
                        웹훅 처리를 멱등하게 만들고 이미 발생한 중복 건을 정리해야 했다.

                        ### Action
                        - 웹훅 이벤트 ID에 유니크 제약을 둔 `processed_events` 테이블 추가
                        - Kafka 컨슈머를 트랜잭션 단위로 커밋하도록 변경
                        - 과거 90일 데이터에서 중복 37건을 찾아 환불 스크립트 실행

                        ### Result
                        중복 결제 주 12건 → 0건, 관련 CS 문의 100% 감소, 환불 37건 완료.
                        """),
                entry(today.minusDays(4), "주문 서비스 레거시 모듈 리팩토링", "리팩토링", "Medium",
                        List.of("Java", "Spring Boot"),
                        "클래스 4,800줄 → 6개 클래스, 테스트 커버리지 41% → 78%", null,
                        """
                        ### Situation
                        주문 상태 전이 로직이 4,800줄짜리 클래스 하나에 몰려 있어 변경할 때마다 회귀 버그가 났다.

                        ### Task
                        동작을 바꾸지 않고 상태 전이 로직을 분리해 테스트 가능한 구조로 만들어야 했다.

                        ### Action
                        - 상태 패턴으로 6개 상태 클래스로 분리
                        - 기존 동작을 고정하는 특성 테스트 120개를 먼저 작성
                        - 3번의 작은 PR로 나눠 리뷰 부담을 줄임

                        ### Result
                        테스트 커버리지 41% → 78%, 이후 2주간 주문 관련 회귀 버그 0건.
                        """),
                entry(today.minusDays(2), "새벽 DB 커넥션 고갈 장애 대응", "장애대응", "High",
                        List.of("PostgreSQL", "AWS", "Kubernetes"),
                        "장애 시간 23분, 재발 방지 알림 3종 추가", "https://status.example.com/incidents/2026-117",
                        """
                        ### Situation
                        새벽 3시 배치 작업이 DB 커넥션을 모두 점유해 API 서버 전체가 23분간 503을 반환했다.

                        ### Task
                        서비스를 즉시 복구하고 같은 원인의 재발을 막아야 했다.

                        ### Action
                        1. 배치 파드를 0으로 스케일 다운해 5분 만에 1차 복구
                        2. 배치 전용 커넥션 풀(최대 10)을 분리하고 statement_timeout 30초 설정
                        3. RDS 커넥션 수, 대기 쿼리 수, 배치 실행 시간 알림 3종 추가
                        4. 포스트모템 문서를 작성해 팀에 공유

                        ### Result
                        복구까지 23분, 이후 배치 실행 중에도 API p99 변화 5% 이내 유지.
                        """),
                entry(today.minusDays(1), "사내 개발 가이드에 로컬 환경 구성 문서화", "문서화", "Low",
                        List.of("Docker", "GitHub Actions"),
                        "신규 입사자 환경 구성 시간 1일 → 2시간", null,
                        """
                        ### Situation
                        신규 입사자가 로컬 개발 환경을 구성하는 데 평균 하루가 걸렸다.

                        ### Task
                        따라 하기만 하면 되는 구성 문서와 스크립트를 만들어야 했다.

                        ### Action
                        - docker compose 한 번으로 DB, Redis, Kafka를 띄우는 설정 추가
                        - 문서를 CI에서 실제로 실행해 깨지지 않게 검증

                        ### Result
                        환경 구성 시간 1일 → 2시간, 이번 달 신규 입사자 3명 모두 당일 첫 PR 제출.
                        """),
                entry(today, "관리자 화면에 주문 일괄 취소 기능 추가", "신규기능", "Medium",
                        List.of("TypeScript", "React", "Java"),
                        "CS 처리 시간 건당 4분 → 30초", "https://jira.example.com/browse/ADM-233",
                        """
                        ### Situation
                        CS 팀이 대량 주문 취소를 한 건씩 처리해 건당 4분이 걸렸다.

                        ### Task
                        최대 500건을 한 번에 안전하게 취소하는 기능이 필요했다.

                        ### Action
                        - 취소 대상 미리보기와 확인 단계를 둔 React 화면 구현
                        - 서버에서 100건 단위 배치로 처리하고 실패 건만 재시도

                        ### Result
                        건당 처리 시간 4분 → 30초, 첫 주에 1,240건 일괄 취소 처리.
                        """));
    }

    private static DailyLogDraft entry(LocalDate date, String title, String category, String impact, List<String> tech,
            String metrics, String ticket, String context) {
        return DailyLogDraft.builder().title(title).category(category).impactLevel(impact).techStack(tech)
                .loggedDate(date.toString()).metrics(metrics).ticketUrl(ticket).context(context.strip()).build();
    }
}
